using System.Text;

namespace Concordat.Core.Standards;

/// <summary>
/// Normalises one line of a UK address for comparison: upper case, no accents, punctuation removed, single spaces,
/// and the common Royal Mail street-type and locality abbreviations expanded (<c>12a High St.</c> becomes
/// <c>12A HIGH STREET</c>, <c>Flat 3, 5 Mill Rd</c> becomes <c>FLAT 3 5 MILL ROAD</c>). Pure and thread safe.
/// </summary>
/// <remarks>
/// <c>ST</c> is ambiguous: it is read as <c>SAINT</c> when another word follows it (<c>St Mary's Road</c>) and as
/// <c>STREET</c> when it ends the line or precedes a comma (<c>Church St</c>). Abbreviations are expanded only as
/// whole words, so <c>RD</c> in <c>RDX House</c> is left alone.
/// </remarks>
public static class AddressLine
{
    private static readonly Dictionary<string, string> Expansions = new(StringComparer.Ordinal)
    {
        ["RD"] = "ROAD",
        ["AVE"] = "AVENUE",
        ["AV"] = "AVENUE",
        ["LN"] = "LANE",
        ["DR"] = "DRIVE",
        ["DRV"] = "DRIVE",
        ["CRES"] = "CRESCENT",
        ["CRESC"] = "CRESCENT",
        ["CT"] = "COURT",
        ["CRT"] = "COURT",
        ["PL"] = "PLACE",
        ["SQ"] = "SQUARE",
        ["GDNS"] = "GARDENS",
        ["GDN"] = "GARDEN",
        ["GRN"] = "GREEN",
        ["GR"] = "GROVE",
        ["GRV"] = "GROVE",
        ["TER"] = "TERRACE",
        ["TERR"] = "TERRACE",
        ["TCE"] = "TERRACE",
        ["CL"] = "CLOSE",
        ["PK"] = "PARK",
        ["PDE"] = "PARADE",
        ["BLVD"] = "BOULEVARD",
        ["HWY"] = "HIGHWAY",
        ["WY"] = "WAY",
        ["MT"] = "MOUNT",
        ["EST"] = "ESTATE",
        ["HSE"] = "HOUSE",
        ["HO"] = "HOUSE",
        ["BLDG"] = "BUILDING",
        ["BLDGS"] = "BUILDINGS",
        ["FLT"] = "FLAT",
        ["APT"] = "APARTMENT",
        ["NO"] = "NUMBER",
        ["N"] = "NORTH",
        ["S"] = "SOUTH",
        ["E"] = "EAST",
        ["W"] = "WEST",
        ["UPR"] = "UPPER",
        ["LWR"] = "LOWER",
        ["GT"] = "GREAT",
        ["LT"] = "LITTLE",
        ["LTL"] = "LITTLE",
        ["CTR"] = "CENTRE",
        ["CNR"] = "CORNER",
        ["FM"] = "FARM",
        ["COTT"] = "COTTAGE",
        ["COTTS"] = "COTTAGES",
        ["IND"] = "INDUSTRIAL",
    };

    /// <summary>The comparison form of an address line; empty for null or blank input.</summary>
    public static string Normalise(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return string.Empty;
        }

        var folded = new StringBuilder(line.Length);
        LatinFold.Append(line, folded);

        // Split into words, remembering which words were followed by a comma (a break between address elements).
        var words = new List<(string Word, bool BeforeBreak)>();
        var word = new StringBuilder();
        foreach (var c in folded.ToString())
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToUpperInvariant(c));
            }
            else if (c is '\'' or '`')
            {
                // St Mary's -> ST MARYS
            }
            else if (c is '/' && word.Length > 0)
            {
                // 12/3 (flat 3 at number 12) keeps its slash as a word of its own meaning; split around it.
                Flush(word, words, false);
                words.Add(("/", false));
            }
            else
            {
                var isBreak = c is ',' or ';' or '\n' or '\r';
                if (word.Length > 0)
                {
                    Flush(word, words, isBreak);
                }
                else if (isBreak && words.Count > 0)
                {
                    words[^1] = (words[^1].Word, true);
                }
            }
        }

        Flush(word, words, true);
        var output = new StringBuilder(line.Length + 16);
        for (var i = 0; i < words.Count; i++)
        {
            var (text, beforeBreak) = words[i];
            if (text == "/" && (i == 0 || i == words.Count - 1 || words[i - 1].BeforeBreak || words[i - 1].Word == "/" || words[i + 1].Word == "/"))
            {
                // A slash only means something between two parts of a number (12/3).
                continue;
            }

            var expanded = text switch
            {
                "ST" => beforeBreak || i == words.Count - 1 ? "STREET" : "SAINT",
                // A single letter directly after a house number is part of it (12 A -> 12A), never a compass point.
                "N" or "S" or "E" or "W" when i > 0 && IsNumber(words[i - 1].Word) => text,
                _ => Expansions.GetValueOrDefault(text, text),
            };

            // "12 A High Street" and "12A High Street" are the same address: join a lone letter to the number before it.
            if (expanded.Length == 1 && char.IsAsciiLetter(expanded[0]) && i > 0 && IsNumber(words[i - 1].Word))
            {
                output.Append(expanded);
                continue;
            }

            if (output.Length > 0)
            {
                output.Append(' ');
            }

            output.Append(expanded);
        }

        return output.ToString().Replace(" / ", "/", StringComparison.Ordinal);
    }

    private static bool IsNumber(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return word.Length > 0;
    }

    private static void Flush(StringBuilder word, List<(string Word, bool BeforeBreak)> words, bool beforeBreak)
    {
        if (word.Length > 0)
        {
            words.Add((word.ToString(), beforeBreak));
            word.Clear();
        }
    }
}
