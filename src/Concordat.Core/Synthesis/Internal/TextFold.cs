namespace Concordat.Core.Synthesis.Internal;

/// <summary>Folds Latin-1 letters to plain ASCII (é to e), as e-mail addresses and driver numbers need.</summary>
internal static class TextFold
{
    // Latin-1 U+00C0 to U+00FF, one ASCII character each.
    private const string Latin1Upper = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";

    /// <summary>The ASCII letter for <paramref name="c"/>, or <paramref name="c"/> itself when it is ASCII or unknown.</summary>
    public static char Fold(char c) => c is >= '\u00C0' and <= '\u00FF' ? Latin1Upper[c - '\u00C0'] : c;

    /// <summary>Writes the lower-case ASCII letters and digits of <paramref name="text"/> into <paramref name="destination"/>; returns the count.</summary>
    public static int LowerAlphanumeric(ReadOnlySpan<char> text, Span<char> destination)
    {
        var n = 0;
        foreach (var c in text)
        {
            var f = char.ToLowerInvariant(Fold(c));
            if (char.IsAsciiLetterOrDigit(f) && n < destination.Length)
            {
                destination[n++] = f;
            }
        }

        return n;
    }

    /// <summary>Writes the upper-case ASCII letters of <paramref name="text"/> into <paramref name="destination"/>; returns the count.</summary>
    public static int UpperLetters(ReadOnlySpan<char> text, Span<char> destination)
    {
        var n = 0;
        foreach (var c in text)
        {
            var f = char.ToUpperInvariant(Fold(c));
            if (char.IsAsciiLetter(f) && n < destination.Length)
            {
                destination[n++] = f;
            }
        }

        return n;
    }
}
