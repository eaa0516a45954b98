using System.Text.RegularExpressions;
using Concordat.Core.Synthesis.Internal;
using CsCheck;

namespace Concordat.Core.Tests.Synthesis;

public sealed class SyntheticPopulationTests
{
    // HMRC NIM39110 as given in shared/reference/standards.md.
    internal static readonly Regex NinoPattern = new("^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$");

    // Outward code, one space, sector digit and two unit letters from the set Royal Mail uses.
    internal static readonly Regex PostcodePattern = new("^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}$");

    private static readonly DateOnly AsOf = new(2026, 3, 31);
    private static readonly SyntheticPopulation Population = new(11, AsOf);
    private static readonly SyntheticPerson[] People = [.. Enumerable.Range(0, 20_000).Select(Population.CreatePerson)];

    [Fact]
    public void Every_person_aged_16_or_over_has_a_nino_that_follows_HMRC_rules_and_no_child_has_one()
    {
        foreach (var person in People)
        {
            if (person.Age >= 16)
            {
                Assert.NotNull(person.Nino);
                Assert.Matches(NinoPattern, person.Nino);
                Assert.DoesNotContain(person.Nino[..2], new[] { "CR", "FY", "MW", "NC", "OO" });
            }
            else
            {
                Assert.Null(person.Nino);
            }
        }

        // The suffix does not distinguish people, so prefix and digits must be unique on their own.
        var numbers = People.Where(p => p.Nino is not null).Select(p => p.Nino![..8]).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public void Nhs_numbers_have_a_valid_modulus_11_check_digit_and_are_unique()
    {
        foreach (var person in People)
        {
            Assert.Matches("^[0-9]{10}$", person.NhsNumber);
            Assert.True(ReferenceNhsCheck(person.NhsNumber), person.NhsNumber);
        }

        Assert.Equal(People.Length, People.Select(p => p.NhsNumber).Distinct().Count());
    }

    [Fact]
    public void Postcodes_are_well_formed_and_in_a_district_of_the_address_town()
    {
        foreach (var address in People.SelectMany(p => p.Addresses.ToArray()))
        {
            Assert.Matches(PostcodePattern, address.Postcode);
            Assert.Contains(address.Postcode.Split(' ')[0], address.Town.Districts);
        }
    }

    [Fact]
    public void Uprns_are_unique_across_every_address_of_every_person()
    {
        var uprns = People.SelectMany(p => p.Addresses.ToArray()).Select(a => a.Uprn).ToList();
        Assert.Equal(uprns.Count, uprns.Distinct().Count());
        Assert.All(uprns, u => Assert.InRange(u, 1L, 999_999_999_999L));
    }

    [Fact]
    public void Ages_span_0_to_100_in_a_realistic_shape()
    {
        var living = People.Where(p => p.DateOfDeath is null).ToList();
        var children = living.Count(p => p.Age < 16) / (double)living.Count;
        var pensioners = living.Count(p => p.Age >= 66) / (double)living.Count;
        Assert.InRange(children, 0.14, 0.22);
        Assert.InRange(pensioners, 0.14, 0.24);
        Assert.Contains(living, p => p.Age == 0);
        Assert.Contains(living, p => p.Age >= 95);
        Assert.All(living, p => Assert.InRange(p.Age, 0, 101));
    }

    [Fact]
    public void Life_events_happen_to_some_people_move_marry_and_die()
    {
        var movers = People.Count(p => p.AddressCount > 1) / (double)People.Length;
        Assert.InRange(movers, 0.3, 0.7);
        Assert.All(People, p =>
        {
            var moves = p.Addresses.ToArray();
            for (var i = 1; i < moves.Length; i++)
            {
                Assert.True(moves[i].MovedIn >= moves[i - 1].MovedIn);
            }
        });

        var renamed = People.Where(p => p.NameChanged is not null).ToList();
        Assert.InRange(renamed.Count / (double)People.Length, 0.1, 0.4);
        Assert.All(renamed, p => Assert.NotEqual(p.BirthFamilyName, p.FamilyName));
        Assert.True(renamed.Count(p => p.Sex == 'F') > 10 * renamed.Count(p => p.Sex == 'M'));
        Assert.Contains(renamed, p => p.Sex == 'M');

        var dead = People.Where(p => p.DateOfDeath is not null).ToList();
        Assert.InRange(dead.Count / (double)People.Length, 0.005, 0.06);
        Assert.All(dead, p => Assert.InRange(p.DateOfDeath!.Value, p.DateOfBirth, AsOf));
        Assert.True(dead.Average(p => p.Age) > 60);
    }

    [Fact]
    public void Names_are_Zipf_like_and_include_apostrophes_hyphens_and_accents()
    {
        var surnames = People.GroupBy(p => p.BirthFamilyName).OrderByDescending(g => g.Count()).ToList();
        Assert.Contains("Smith", surnames.Take(3).Select(g => g.Key));
        Assert.InRange(surnames[0].Count() / (double)People.Length, 0.008, 0.04);
        Assert.True(surnames.Count > 250);
        Assert.True(surnames[0].Count() > 3 * surnames[100].Count());

        var names = People.SelectMany(p => new[] { p.GivenName, p.FamilyName }).ToHashSet();
        Assert.Contains(names, n => n.Contains('\''));
        Assert.Contains(names, n => n.Contains('-'));
        Assert.Contains(names, n => n.Any(c => c > 127));
    }

    [Fact]
    public void Given_names_follow_the_fashions_of_the_birth_cohort()
    {
        double Share(IEnumerable<SyntheticPerson> cohort, IReadOnlySet<string> names)
        {
            var list = cohort.ToList();
            return list.Count(p => names.Contains(p.GivenName)) / (double)list.Count;
        }

        var old = People.Where(p => p.DateOfBirth.Year < 1960).ToList();
        var young = People.Where(p => p.DateOfBirth.Year >= 1995).ToList();
        Assert.True(Share(old, GivenNames.Older) > 5 * Share(young, GivenNames.Older));
        Assert.True(Share(young, GivenNames.Younger) > 5 * Share(old, GivenNames.Younger));
    }

    [Fact]
    public void Any_person_of_any_seed_has_valid_identifiers()
    {
        Gen.Select(Gen.Long, Gen.Int[0, SyntheticPopulation.MaxPeople - 1]).Sample((seed, index) =>
        {
            var person = new SyntheticPopulation(seed, AsOf).CreatePerson(index);
            return ReferenceNhsCheck(person.NhsNumber)
                && (person.Nino is null ? person.Age < 16 : NinoPattern.IsMatch(person.Nino))
                && PostcodePattern.IsMatch(person.CurrentAddress.Postcode);
        }, iter: 2000);
    }

    /// <summary>The NHS Data Dictionary algorithm written out independently of the generator's helper.</summary>
    internal static bool ReferenceNhsCheck(string number)
    {
        if (number.Length != 10 || !number.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (number[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == number[9] - '0';
    }
}
