using System.Collections.Frozen;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>splitName</c>: takes one part (given, middle or family) of a full name held in one column. Immutable and
/// thread safe. Casing is kept; follow with <c>title</c> to change it.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>SMITH, John Paul</c> (a comma) is family name first: family <c>SMITH</c>, given <c>John</c>, middle
/// <c>Paul</c>. A comma followed only by a suffix (<c>John Smith, Jr</c>) is not this form.</item>
/// <item>Otherwise the first word is the given name, the last word the family name and the words between middle
/// names. Particles before the family name stay with it (<c>Ludwig van Beethoven</c>, <c>Maria de la Cruz</c>) but
/// never take the given name (<c>Van Morrison</c>). O' and Mc names are one word and need no rule.</item>
/// <item>Titles (Mr, Mrs, Ms, Miss, Mx, Dr, Rev, Revd, Sir, Dame, Prof, Lord, Lady; with or without a full stop)
/// are dropped from the front; suffixes (Jr, Jnr, Sr, Snr, II, III, IV, Esq) from the end.</item>
/// <item>A single word is a given name. A part that is absent (no middle names) or a blank input gives null.</item>
/// </list>
/// This is a heuristic for legacy data, not a model of every naming tradition: keep names in separate source columns
/// where the source has them.
/// </remarks>
public sealed class SplitNameTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "splitName";

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', '\u00A0', ','];

    private static readonly FrozenSet<string> Titles = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "mr", "mrs", "ms", "miss", "mx", "dr", "rev", "revd", "sir", "dame", "prof", "lord", "lady");

    private static readonly FrozenSet<string> Suffixes = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "jr", "jnr", "sr", "snr", "ii", "iii", "iv", "esq");

    private static readonly FrozenSet<string> Particles = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "la", "le", "ter", "ten",
        "st", "st.", "bin", "ap", "mac", "mc", "ó", "ní", "nic", "ua", "uí");

    /// <summary>Creates the transform.</summary>
    /// <param name="part">The part of the name to keep.</param>
    public SplitNameTransform(NamePart part)
    {
        if (!Enum.IsDefined(part))
        {
            throw new ArgumentOutOfRangeException(nameof(part), part, "Unknown name part.");
        }

        Part = part;
    }

    /// <summary>The part kept.</summary>
    public NamePart Part { get; }

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        failure = null;
        output = string.IsNullOrWhiteSpace(input) ? null : Split(input, Part);
        return true;
    }

    private static string? Split(string input, NamePart part)
    {
        int comma = input.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            List<string> family = Words(input[..comma]);
            List<string> rest = Words(input[(comma + 1)..]);
            if (family.Count > 0 && rest.Count > 0)
            {
                return part switch
                {
                    NamePart.Given => rest[0],
                    NamePart.Middle => Join(rest, 1, rest.Count),
                    _ => Join(family, 0, family.Count),
                };
            }

            // "John Smith, Jr": after dropping the suffix nothing follows the comma, so read the whole as one name.
        }

        List<string> words = Words(input);
        if (words.Count == 0)
        {
            return null;
        }

        if (words.Count == 1)
        {
            return part == NamePart.Given ? words[0] : null;
        }

        int familyStart = words.Count - 1;
        while (familyStart > 1 && Particles.Contains(words[familyStart - 1]))
        {
            familyStart--;
        }

        return part switch
        {
            NamePart.Given => words[0],
            NamePart.Middle => Join(words, 1, familyStart),
            _ => Join(words, familyStart, words.Count),
        };
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>(text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        int start = 0;
        while (start < words.Count && Titles.Contains(words[start].TrimEnd('.')))
        {
            start++;
        }

        int end = words.Count;
        while (end > start && Suffixes.Contains(words[end - 1].TrimEnd('.')))
        {
            end--;
        }

        return words.GetRange(start, end - start);
    }

    private static string? Join(List<string> words, int start, int end) =>
        end <= start ? null : end - start == 1 ? words[start] : string.Join(' ', words.GetRange(start, end - start));
}
