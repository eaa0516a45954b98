using System.Globalization;
using System.Text;
using Concordat.Core.Synthesis.Internal;

namespace Concordat.Benchmarks;

/// <summary>
/// <c>make-heavy N FILE</c>: a labelled deduplication set corrupted independently of <c>concordat synth</c>, after the
/// published design of the FEBRL data set generator (Christen 2005): 60% of N records are originals, the rest
/// duplicates of them (up to five per original), each duplicate with up to five modifications and up to three per
/// field: keyboard typos (insert, delete, substitute, transpose), OCR confusions, phonetic respellings, a blanked
/// value, a truncated value, given and family names swapped, day and month swapped. Only the name frequency lists
/// are shared with synth. Columns: recordId, givenName, familyName, dob, postcode, address, socSecId, entityId.
/// </summary>
internal static class HeavyCorruptionCsv
{
    private static readonly string[] Streets = ["High", "Station", "Church", "Park", "Mill", "Victoria", "Green", "Manor", "Kings", "Queens", "New", "School", "North", "South", "West", "Albert", "York", "London", "Chapel", "Main"];
    private static readonly string[] StreetTypes = ["Street", "Road", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent", "Place", "Terrace"];
    private static readonly (string From, string To)[] Ocr = [("0", "O"), ("O", "0"), ("1", "l"), ("l", "1"), ("5", "S"), ("S", "5"), ("rn", "m"), ("m", "rn"), ("8", "B"), ("B", "8"), ("cl", "d"), ("vv", "w")];
    private static readonly (string From, string To)[] Phonetic = [("ph", "f"), ("f", "ph"), ("ck", "k"), ("k", "ck"), ("ie", "y"), ("y", "ie"), ("ee", "ea"), ("ou", "ow"), ("c", "k"), ("th", "t"), ("son", "sen"), ("ei", "ie"), ("ll", "l"), ("tt", "t")];
    private const string Keyboard = "qwertyuiopasdfghjklzxcvbnm";

    public static void Write(string path, int records, int seed)
    {
        var random = new Random(seed);
        var given = GivenNames.Female.Concat(GivenNames.Male).ToArray();
        var family = FamilyNames.All.ToArray();
        var originals = (int)(records * 0.6);
        var rows = new List<(string[] Fields, int Entity)>(records);
        for (var i = 0; i < originals; i++)
        {
            var dob = new DateOnly(1930, 1, 1).AddDays(random.Next(80 * 365));
            var postcode = $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{random.Next(1, 30)} {random.Next(10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}";
            string[] fields =
            [
                Zipf(given, random),
                Zipf(family, random),
                dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                postcode,
                $"{random.Next(1, 200)} {Streets[random.Next(Streets.Length)]} {StreetTypes[random.Next(StreetTypes.Length)]}",
                random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
            ];
            rows.Add((fields, i));
        }

        var next = 0;
        while (rows.Count < records)
        {
            var original = rows[next % originals];
            next++;
            var copies = Math.Min(records - rows.Count, 1 + (int)(random.NextDouble() * random.NextDouble() * 5));
            for (var c = 0; c < copies; c++)
            {
                rows.Add((Corrupt(original.Fields, random), original.Entity));
            }
        }

        // Shuffle so that duplicates are not next to their originals.
        for (var i = rows.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }

        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("recordId,givenName,familyName,dob,postcode,address,socSecId,entityId\n");
        for (var i = 0; i < rows.Count; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"rec-{i},{string.Join(',', rows[i].Fields.Select(f => f.Replace(",", " ", StringComparison.Ordinal)))},E{rows[i].Entity}\n"));
        }
    }

    private static string Zipf(string[] values, Random random)
    {
        // Rank r drawn with probability proportional to 1 / r.
        var u = random.NextDouble();
        var index = (int)Math.Floor(Math.Exp(u * Math.Log(values.Length + 1))) - 1;
        return values[Math.Clamp(index, 0, values.Length - 1)];
    }

    private static string[] Corrupt(string[] original, Random random)
    {
        var fields = (string[])original.Clone();
        var perField = new int[fields.Length];
        var modifications = 1 + random.Next(5);
        for (var m = 0; m < modifications; m++)
        {
            var f = random.Next(fields.Length);
            if (perField[f] >= 3)
            {
                continue;
            }

            perField[f]++;
            var value = fields[f];
            switch (random.Next(10))
            {
                case 0 or 1 or 2:
                    fields[f] = Typo(value, random);
                    break;
                case 3:
                    fields[f] = Replace(value, Ocr, random);
                    break;
                case 4 or 5:
                    fields[f] = f is 0 or 1 or 4 ? Replace(value, Phonetic, random) : Typo(value, random);
                    break;
                case 6:
                    fields[f] = "";
                    break;
                case 7:
                    fields[f] = value.Length > 4 ? value[..(value.Length - 1 - random.Next(Math.Min(3, value.Length - 3)))] : value;
                    break;
                case 8:
                    (fields[0], fields[1]) = (fields[1], fields[0]);
                    break;
                default:
                    if (DateOnly.TryParseExact(fields[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Day <= 12)
                    {
                        fields[2] = new DateOnly(d.Year, d.Day, d.Month).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        fields[f] = Typo(value, random);
                    }

                    break;
            }
        }

        return fields;
    }

    private static string Typo(string value, Random random)
    {
        if (value.Length < 2)
        {
            return value;
        }

        var i = random.Next(value.Length);
        var c = char.IsDigit(value[i]) ? (char)('0' + random.Next(10)) : Keyboard[random.Next(Keyboard.Length)];
        return random.Next(4) switch
        {
            0 => value.Insert(i, c.ToString()),
            1 => value.Remove(i, 1),
            2 => string.Concat(value.AsSpan(0, i), c.ToString(), value.AsSpan(i + 1)),
            _ => i + 1 < value.Length ? string.Concat(value.AsSpan(0, i), value[i + 1].ToString(), value[i].ToString(), value.AsSpan(i + 2)) : value,
        };
    }

    private static string Replace(string value, (string From, string To)[] rules, Random random)
    {
        var start = random.Next(rules.Length);
        for (var k = 0; k < rules.Length; k++)
        {
            var (from, to) = rules[(start + k) % rules.Length];
            var at = value.IndexOf(from, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return string.Concat(value.AsSpan(0, at), to, value.AsSpan(at + from.Length));
            }
        }

        return Typo(value, random);
    }
}
