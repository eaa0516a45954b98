using System.Globalization;
using System.Text;
using Concordat.Core.Standards;

namespace Concordat.Benchmarks;

/// <summary>
/// Writes a 12-column person CSV for ingest benchmarks: valid identifiers in most rows and about 2% bad rows
/// (bad NHS check digit, malformed postcode) so quarantine is exercised too. Deterministic for a seed.
/// </summary>
public static class PersonCsv
{
    private static readonly string[] Given = ["Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia", "Jack", "Ivy", "Zoë", "Seán", "Aled", "Siobhan", "Mohammed", "Priya"];
    private static readonly string[] Family = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "O'Brien", "Smith-Jones", "Patel", "Khan", "MacDonald", "Evans"];
    private static readonly string[] Streets = ["High Street", "Station Road", "Church Lane", "Park Avenue", "Mill Close", "Victoria Road"];
    private static readonly (string Town, string Area)[] Towns = [("Leeds", "LS"), ("Manchester", "M"), ("Bristol", "BS"), ("Cardiff", "CF"), ("Newcastle", "NE"), ("Sheffield", "S")];
    private const string NinoFirst = "ABCEGHJKLMNOPRSTWXYZ";
    private const string NinoSecond = "ABCEGHJKLMNPRSTWXYZ";
    private const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    public static void Write(string path, long rows, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("RECORD_ID,NINO,NHS_NUMBER,SURNAME,FORENAMES,DOB,SEX,ADDR1,TOWN,POSTCODE,PHONE,EMAIL");
        var sb = new StringBuilder(256);
        for (long i = 1; i <= rows; i++)
        {
            sb.Clear();
            var given = Given[random.Next(Given.Length)];
            var family = Family[random.Next(Family.Length)];
            var (town, area) = Towns[random.Next(Towns.Length)];
            var bad = random.Next(100) < 2;
            var dob = new DateOnly(1930, 1, 1).AddDays(random.Next(0, 365 * 85));
            sb.Append(CultureInfo.InvariantCulture, $"R{i:D9},");
            sb.Append(NinoText(random)).Append(',');
            sb.Append(NhsNumberText(random, corrupt: bad && random.Next(2) == 0)).Append(',');
            sb.Append(family.ToUpperInvariant()).Append(',').Append(given).Append(',');
            sb.Append(dob.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)).Append(',');
            sb.Append(random.Next(2) == 0 ? 'F' : 'M').Append(',');
            sb.Append(random.Next(1, 200).ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Streets[random.Next(Streets.Length)]).Append(',');
            sb.Append(town).Append(',');
            sb.Append(bad ? "NOT A POSTCODE" : $"{area}{random.Next(1, 20)} {random.Next(1, 10)}{InwardLetters[random.Next(InwardLetters.Length)]}{InwardLetters[random.Next(InwardLetters.Length)]}").Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"07700 9{random.Next(0, 100_000):D5}").Append(',');
            sb.Append(given.ToLowerInvariant().Replace("ë", "e", StringComparison.Ordinal).Replace("á", "a", StringComparison.Ordinal)).Append('.').Append(i).Append("@example.com");
            writer.WriteLine(sb);
        }
    }

    private static string NinoText(Random random)
    {
        while (true)
        {
            var nino = string.Create(CultureInfo.InvariantCulture, $"{NinoFirst[random.Next(NinoFirst.Length)]}{NinoSecond[random.Next(NinoSecond.Length)]}{random.Next(0, 1_000_000):D6}{"ABCD"[random.Next(4)]}");
            if (Nino.IsValid(nino))
            {
                return nino;
            }
        }
    }

    private static string NhsNumberText(Random random, bool corrupt)
    {
        while (true)
        {
            Span<char> digits = stackalloc char[10];
            for (var d = 0; d < 9; d++)
            {
                digits[d] = (char)('0' + random.Next(10));
            }

            var check = NhsNumber.ComputeCheckDigit(digits[..9]);
            if (check < 0)
            {
                continue;
            }

            digits[9] = (char)('0' + (corrupt ? (check + 1) % 10 : check));
            return new string(digits);
        }
    }
}
