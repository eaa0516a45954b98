using System.Text;

namespace Concordat.Core.Standards;

/// <summary>
/// Cleans personal names into a comparison form for matching and profiling: upper case, no accents, no titles or
/// post-nominals, no punctuation, single spaces. <c>"Dr. Seán O'Brien-Smith OBE"</c> becomes
/// <c>"SEAN OBRIEN SMITH"</c>. Pure and thread safe.
/// </summary>
/// <remarks>
/// The clean form is for comparing and blocking, not for display: it deliberately loses the apostrophe in O'Brien
/// and the hyphen in double-barrelled names so that <c>OBrien</c>, <c>O'Brien</c> and <c>O Brien</c> agree, and
/// <c>Smith-Jones</c> and <c>Smith Jones</c> agree.
/// </remarks>
public static class PersonName
{
    // Forms of address and honorifics that precede a name (leading position only).
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "MR", "MRS", "MS", "MISS", "MX", "MASTER", "DR", "DOCTOR", "PROF", "PROFESSOR", "SIR", "DAME", "LORD", "LADY",
        "REV", "REVD", "REVEREND", "FR", "FATHER", "SR", "SISTER", "CAPT", "CAPTAIN", "MAJ", "MAJOR", "COL", "COLONEL",
        "CLLR", "COUNCILLOR", "HON", "RT", "THE", "RABBI", "IMAM",
    };

    // Generational suffixes and post-nominal letters (trailing position only).
    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal)
    {
        "JR", "JNR", "JUNIOR", "SNR", "SENIOR", "II", "III", "IV",
        "OBE", "MBE", "CBE", "KBE", "DBE", "BEM", "QC", "KC", "MP", "MSP", "MS", "JP", "PHD", "MD", "FRS", "BSC", "MSC", "MA", "BA", "ESQ",
    };

    /// <summary>
    /// The comparison form of a name (any of given name, family name or full name): upper-case ASCII letters and
    /// single spaces, with accents removed, titles dropped from the front and suffixes dropped from the end.
    /// </summary>
    /// <param name="name">The name as written; null or blank gives an empty string.</param>
    /// <returns>The clean form; empty for null or blank input.</returns>
    /// <remarks>A name that consists only of titles or suffixes keeps them, since dropping every word would turn a real value into a blank one.</remarks>
    public static string Clean(string? name)
    {
        var tokens = Tokens(name);
        return string.Join(' ', tokens);
    }

    /// <summary>The words of the clean form of <paramref name="name"/>, in order (see <see cref="Clean"/>).</summary>
    public static IReadOnlyList<string> Tokens(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        var folded = new StringBuilder(name.Length);
        LatinFold.Append(name, folded);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in folded.ToString())
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToUpperInvariant(c));
            }
            else if (c is '\'' or '`' or '.' && word.Length > 0)
            {
                // Apostrophes and full stops join: O'Brien -> OBRIEN. A full stop after an initial splits it off below.
                if (c == '.')
                {
                    Flush(word, words);
                }
            }
            else
            {
                Flush(word, words);
            }
        }

        Flush(word, words);
        var start = 0;
        var end = words.Count;
        while (start < end - 1 && Titles.Contains(words[start]))
        {
            start++;
        }

        while (end - 1 > start && Suffixes.Contains(words[end - 1]))
        {
            end--;
        }

        return words.GetRange(start, end - start);
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
