using System.Globalization;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Builds the true population: person <c>i</c> is a pure function of (seed, extract date, i), drawn from its own
/// random stream, and its identifiers are keyed permutations of <c>i</c>, so they are unique without coordination.
/// Immutable and thread safe.
/// </summary>
internal sealed class SyntheticPopulation
{
    /// <summary>Largest population: NHS numbers are drawn from ten million distinct values.</summary>
    public const int MaxPeople = 10_000_000;

    private const int NinoDigitsSpace = 1_000_000;
    private const long UprnBase = 10_000_000_000L;

    // ONS mid-year estimates, UK, share of the population by five-year age band (0-4 ... 95-99, then 100).
    private static readonly double[] AgeBandWeights =
        [5.4, 5.9, 5.9, 5.6, 5.9, 6.6, 6.9, 6.6, 6.2, 6.4, 6.9, 6.7, 5.9, 5.0, 5.0, 3.7, 2.5, 1.5, 0.7, 0.2, 0.02];

    private static readonly double[] OlderFashion = [4.0, 0.4, 0.03];
    private static readonly double[] YoungerFashion = [0.03, 0.4, 4.0];
    private static readonly int[] AgeBands = [.. Enumerable.Range(0, AgeBandWeights.Length)];

    private readonly ulong _seed;
    private readonly IdPermutation _nino;
    private readonly IdPermutation _nhs;
    private readonly IdPermutation _uprn;

    /// <summary>Creates the population for a seed and an extract date.</summary>
    public SyntheticPopulation(long seed, DateOnly asOf)
    {
        _seed = (ulong)seed;
        AsOf = asOf;
        _nino = new IdPermutation(NinoRules.IssuablePrefixes.Count * (long)NinoDigitsSpace, SynthRandom.Mix(_seed ^ 0x4E494E4FUL));
        _nhs = new IdPermutation(MaxPeople, SynthRandom.Mix(_seed ^ 0x4E4853UL));
        _uprn = new IdPermutation(90_000_000_000L, SynthRandom.Mix(_seed ^ 0x5550524EUL));
    }

    /// <summary>The extract date: ages, moves and deaths are as of this day.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The seed, as unsigned bits, for deriving other streams.</summary>
    public ulong Seed => _seed;

    /// <summary>Given names of women by birth cohort (before 1960, 1960 to 1994, 1995 on), Zipf weighted.</summary>
    public static IReadOnlyList<WeightedTable<string>> FemaleNames { get; } = ByCohort(GivenNames.Female);

    /// <summary>Given names of men by birth cohort, Zipf weighted.</summary>
    public static IReadOnlyList<WeightedTable<string>> MaleNames { get; } = ByCohort(GivenNames.Male);

    /// <summary>Family names, Zipf weighted.</summary>
    public static WeightedTable<string> Surnames { get; } = WeightedTable<string>.Zipf(FamilyNames.All, 20, 1.0);

    private static WeightedTable<int> Ages { get; } = new(AgeBands, AgeBandWeights);

    private static WeightedTable<int> TownTable { get; } = new(
        [.. Enumerable.Range(0, Places.Towns.Count)], [.. Places.Towns.Select(t => (double)t.Weight)]);

    private static WeightedTable<string> StreetTable { get; } = WeightedTable<string>.Zipf(Places.Streets, 5, 1.0);

    private static WeightedTable<int> StreetTypeTable { get; } = WeightedTable<int>.Zipf(
        [.. Enumerable.Range(0, Places.StreetTypes.Count)], 1, 1.2);

    /// <summary>Builds person <paramref name="index"/>.</summary>
    public SyntheticPerson CreatePerson(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxPeople);
        var random = SynthRandom.For(_seed, index, 0);
        var person = new SyntheticPerson { Index = index };
        person.Sex = random.Chance(0.51) ? 'F' : 'M';

        var band = Ages.Pick(ref random);
        var age = band == 20 ? 100 : (band * 5) + random.Next(5);
        person.DateOfBirth = AsOf.AddYears(-age).AddDays(-random.Next(365));

        var end = AsOf;
        if (random.Chance(DeathWithinThreeYears(age)))
        {
            var died = AsOf.AddDays(-random.Next(3 * 365));
            if (died <= person.DateOfBirth)
            {
                died = person.DateOfBirth.AddDays(1 + random.Next(Math.Max(1, AsOf.DayNumber - person.DateOfBirth.DayNumber)));
            }

            person.DateOfDeath = died;
            end = died;
        }

        person.Age = YearsBetween(person.DateOfBirth, end);
        var cohort = person.DateOfBirth.Year < 1960 ? 0 : person.DateOfBirth.Year < 1995 ? 1 : 2;
        var names = (person.Sex == 'F' ? FemaleNames : MaleNames)[cohort];
        person.GivenName = names.Pick(ref random);
        if (random.Chance(0.55))
        {
            var middle = names.Pick(ref random);
            person.MiddleName = middle == person.GivenName ? null : middle;
        }

        person.BirthFamilyName = random.Chance(0.03) ? DoubleBarrel(Surnames.Pick(ref random), Surnames.Pick(ref random)) : Surnames.Pick(ref random);
        person.FamilyName = person.BirthFamilyName;
        MaybeMarry(person, end, ref random);

        if (person.Age >= 16)
        {
            person.Nino = FormatNino(_nino.Apply(index), random.Next(4));
        }

        person.NhsNumber = FormatNhsNumber(_nhs.Apply(index), ref random);
        AddAddressHistory(person, end, ref random);
        ContactDetails.Add(person, ref random);
        person.Title = ChooseTitle(person, ref random);
        return person;
    }

    /// <summary>Whole years from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static int YearsBetween(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        return to < from.AddYears(years) ? years - 1 : years;
    }

    // Fashions in names change: a Doreen is rarely under sixty and an Isla rarely over thirty.
    private static WeightedTable<string>[] ByCohort(IReadOnlyList<string> ranked)
    {
        var tables = new WeightedTable<string>[3];
        for (var cohort = 0; cohort < 3; cohort++)
        {
            var weights = new double[ranked.Count];
            for (var i = 0; i < weights.Length; i++)
            {
                var fashion = GivenNames.Older.Contains(ranked[i]) ? OlderFashion[cohort]
                    : GivenNames.Younger.Contains(ranked[i]) ? YoungerFashion[cohort]
                    : 1.0;
                weights[i] = fashion / (i + 11.0);
            }

            tables[cohort] = new WeightedTable<string>(ranked, weights);
        }

        return tables;
    }

    // Gompertz-style annual mortality, roughly the shape of ONS national life tables, over the three years before the extract.
    private static double DeathWithinThreeYears(int age) =>
        Math.Min(0.8, 3 * Math.Min(0.5, age == 0 ? 0.004 : 0.00005 * Math.Exp(0.092 * age)));

    private static string DoubleBarrel(string first, string second) =>
        first == second || first.Contains('-', StringComparison.Ordinal) || second.Contains('-', StringComparison.Ordinal)
            ? first
            : string.Concat(first, "-", second);

    private static string FormatNino(long value, int suffix)
    {
        var prefix = NinoRules.IssuablePrefixes[(int)(value / NinoDigitsSpace)];
        var digits = (int)(value % NinoDigitsSpace);
        return string.Create(9, (prefix, digits, suffix), static (span, s) =>
        {
            span[0] = s.prefix[0];
            span[1] = s.prefix[1];
            s.digits.TryFormat(span[2..8], out _, "D6", CultureInfo.InvariantCulture);
            span[8] = (char)('A' + s.suffix);
        });
    }

    private static string FormatNhsNumber(long sevenDigits, ref SynthRandom random)
    {
        // Leading 9 keeps synthetic numbers out of the ranges NHS England and Wales issue (4xx, 6xx, 7xx).
        Span<char> digits = stackalloc char[10];
        digits[0] = '9';
        sevenDigits.TryFormat(digits[1..8], out _, "D7", CultureInfo.InvariantCulture);
        var ninth = random.Next(10);
        digits[8] = (char)('0' + ninth);
        var check = NhsNumbers.CheckDigit(digits[..9]);
        if (check < 0)
        {
            // Exactly one ninth digit gives remainder 1 (check 10), because 2 is invertible mod 11: step past it.
            digits[8] = (char)('0' + ((ninth + 1) % 10));
            check = NhsNumbers.CheckDigit(digits[..9]);
        }

        digits[9] = (char)('0' + check);
        return new string(digits);
    }

    private static void MaybeMarry(SyntheticPerson person, DateOnly end, ref SynthRandom random)
    {
        var everMarried = person.Age switch
        {
            < 20 => 0.0,
            < 25 => 0.08,
            < 30 => 0.3,
            < 40 => 0.55,
            _ => 0.68,
        };
        if (!random.Chance(everMarried))
        {
            return;
        }

        var ageAtMarriage = random.Between(20, Math.Min(person.Age, 55));
        var marriedOn = person.DateOfBirth.AddYears(ageAtMarriage).AddDays(random.Next(365));
        if (marriedOn > end)
        {
            marriedOn = end.AddDays(-random.Next(60));
        }

        if (!random.Chance(person.Sex == 'F' ? 0.85 : 0.05))
        {
            return;
        }

        var partner = Surnames.Pick(ref random);
        var married = random.Chance(0.12) ? DoubleBarrel(person.BirthFamilyName, partner) : partner;
        if (married != person.BirthFamilyName)
        {
            person.FamilyName = married;
            person.NameChanged = marriedOn;
        }
    }

    private void AddAddressHistory(SyntheticPerson person, DateOnly end, ref SynthRandom random)
    {
        var u = random.NextDouble();
        var moves = person.Age >= 18
            ? (u < 0.45 ? 0 : u < 0.75 ? 1 : u < 0.92 ? 2 : 3)
            : (u < 0.7 ? 0 : u < 0.95 ? 1 : 2);

        // Moves fall in the fifteen years before the extract, after the person's birth.
        var windowStart = Math.Max(person.DateOfBirth.DayNumber + 1, AsOf.AddYears(-15).DayNumber);
        var windowDays = end.DayNumber - windowStart;
        if (windowDays < moves + 1)
        {
            moves = 0;
        }

        Span<int> moveDays = stackalloc int[SyntheticPerson.MaxAddresses];
        for (var m = 0; m < moves; m++)
        {
            moveDays[m] = windowStart + random.Next(windowDays);
        }

        moveDays[..moves].Sort();
        var townIndex = TownTable.Pick(ref random);
        for (var k = 0; k <= moves; k++)
        {
            if (k > 0 && !random.Chance(0.65))
            {
                townIndex = TownTable.Pick(ref random);
            }

            var movedIn = k == 0 ? person.DateOfBirth : DateOnly.FromDayNumber(moveDays[k - 1]);
            person.AddAddress(CreateAddress(person.Index, k, townIndex, movedIn, ref random));
        }
    }

    private SynthAddress CreateAddress(int personIndex, int k, int townIndex, DateOnly movedIn, ref SynthRandom random)
    {
        var town = Places.Towns[townIndex];
        var streetType = StreetTypeTable.Pick(ref random);
        var street = StreetTable.Pick(ref random);
        var number = 1 + random.Next(1 + random.Next(180));
        var streetLine = string.Create(CultureInfo.InvariantCulture, $"{number} {street} {Places.StreetTypes[streetType].Full}");
        var flat = random.Chance(0.12) ? string.Create(CultureInfo.InvariantCulture, $"Flat {1 + random.Next(24)}") : null;
        var district = town.Districts[random.Next(town.Districts.Count)];
        var postcode = string.Create(district.Length + 4, (district, random.Next(10), random.Next(20), random.Next(20)), static (span, p) =>
        {
            p.district.AsSpan().CopyTo(span);
            var i = p.district.Length;
            span[i] = ' ';
            span[i + 1] = (char)('0' + p.Item2);
            span[i + 2] = Places.InwardLetters[p.Item3];
            span[i + 3] = Places.InwardLetters[p.Item4];
        });
        var uprn = UprnBase + _uprn.Apply(((long)personIndex * SyntheticPerson.MaxAddresses) + k);
        return new SynthAddress(flat, streetLine, streetType, townIndex, postcode, uprn, movedIn);
    }

    private static string ChooseTitle(SyntheticPerson person, ref SynthRandom random)
    {
        var u = random.NextDouble();
        if (person.Age >= 25 && u < 0.02)
        {
            return "Dr";
        }

        if (person.Sex == 'M')
        {
            return "Mr";
        }

        if (person.NameChanged is not null)
        {
            return u < 0.85 ? "Mrs" : "Ms";
        }

        return person.Age < 30 ? (u < 0.6 ? "Miss" : "Ms") : (u < 0.4 ? "Mrs" : u < 0.7 ? "Ms" : "Miss");
    }
}
