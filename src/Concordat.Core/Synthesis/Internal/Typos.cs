namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Keyboard slips of the kind clerks make: a neighbouring key on a UK QWERTY keyboard instead of the right one, two
/// letters swapped, a letter dropped or an extra one struck. Only ASCII letters are touched; case is kept.
/// </summary>
internal static class Typos
{
    // Neighbours of each letter a..z on a QWERTY keyboard.
    private static readonly string[] Adjacent =
    [
        "qwsz", "vghn", "xdfv", "serfcx", "wrsd", "drtgvc", "ftyhbv", "gyujnb", "ujko", "huikmn",
        "jiolm", "kop", "njk", "bhjm", "iklp", "ol", "wa", "edft", "awedxz", "rfgy",
        "yhji", "cfgb", "qeas", "zsdc", "tghu", "asx",
    ];

    /// <summary>The letters next to <paramref name="letter"/> (lower case a..z).</summary>
    public static string Neighbours(char letter) => Adjacent[letter - 'a'];

    /// <summary>
    /// Returns <paramref name="text"/> with one slip, or the same instance when it has too few ASCII letters to
    /// slip on without changing beyond recognition.
    /// </summary>
    public static string Apply(string text, ref SynthRandom random)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                letters++;
            }
        }

        if (letters < 3)
        {
            return text;
        }

        // Pick the k-th ASCII letter as the slip position, so accents and punctuation are never split.
        var k = random.Next(letters);
        var position = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiLetter(text[i]) && k-- == 0)
            {
                position = i;
                break;
            }
        }

        var kind = random.Next(4);
        Span<char> buffer = stackalloc char[text.Length + 1];
        text.AsSpan().CopyTo(buffer);
        var original = text[position];
        var lower = char.ToLowerInvariant(original);
        var neighbours = Neighbours(lower);
        var neighbour = neighbours[random.Next(neighbours.Length)];
        if (char.IsUpper(original))
        {
            neighbour = char.ToUpperInvariant(neighbour);
        }

        switch (kind)
        {
            case 0:
                buffer[position] = neighbour;
                return new string(buffer[..text.Length]);
            case 1:
                var next = position + 1 < text.Length && char.IsAsciiLetter(text[position + 1]) ? position + 1 : position - 1;
                if (next < 0 || !char.IsAsciiLetter(text[next]) || char.ToLowerInvariant(text[next]) == lower)
                {
                    buffer[position] = neighbour;
                    return new string(buffer[..text.Length]);
                }

                // Keep the case pattern: swapping "Jo" gives "Oj" rather than "oJ".
                var (a, b) = (text[position], text[next]);
                buffer[position] = char.IsUpper(a) ? char.ToUpperInvariant(b) : char.ToLowerInvariant(b);
                buffer[next] = char.IsUpper(b) ? char.ToUpperInvariant(a) : char.ToLowerInvariant(a);
                return new string(buffer[..text.Length]);
            case 2:
                text.AsSpan(position + 1).CopyTo(buffer[position..]);
                var shortened = new string(buffer[..(text.Length - 1)]);
                return position == 0 ? string.Concat(char.ToUpperInvariant(shortened[0]).ToString(), shortened.AsSpan(1)) : shortened;
            default:
                text.AsSpan(position).CopyTo(buffer[(position + 1)..]);
                buffer[position + 1] = char.ToLowerInvariant(neighbour);
                return new string(buffer[..(text.Length + 1)]);
        }
    }
}
