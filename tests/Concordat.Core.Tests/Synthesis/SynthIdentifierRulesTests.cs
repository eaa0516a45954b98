using Concordat.Core.Synthesis.Internal;
using CsCheck;

namespace Concordat.Core.Tests.Synthesis;

public sealed class SynthIdentifierRulesTests
{
    [Fact]
    public void Nhs_check_digit_accepts_the_data_dictionary_example_and_rejects_a_wrong_check_digit()
    {
        Assert.True(NhsNumbers.IsValid("9434765919"));
        Assert.False(NhsNumbers.IsValid("9434765918"));
        Assert.False(NhsNumbers.IsValid("943476591"));
    }

    [Fact]
    public void Nine_digits_whose_check_would_be_10_cannot_be_an_nhs_number()
    {
        // 000000001: sum 2, remainder 2, check 9. 000000010: sum 3, check 8. Search for remainder 1 explicitly.
        var tenCase = Enumerable.Range(0, 100).Select(i => i.ToString("D9")).First(d => d.Select((c, i) => (c - '0') * (10 - i)).Sum() % 11 == 1);
        Assert.Equal(-1, NhsNumbers.CheckDigit(tenCase));
    }

    [Fact]
    public void Changing_any_one_digit_of_a_valid_nhs_number_makes_it_invalid()
    {
        var population = new SyntheticPopulation(3, new DateOnly(2026, 3, 31));
        Gen.Select(Gen.Int[0, 9_999_999], Gen.Int[0, 9], Gen.Int[1, 9]).Sample((index, position, delta) =>
        {
            var valid = population.CreatePerson(index).NhsNumber;
            var digits = valid.ToCharArray();
            digits[position] = (char)('0' + ((digits[position] - '0' + delta) % 10));
            return NhsNumbers.IsValid(valid) && !NhsNumbers.IsValid(new string(digits));
        }, iter: 2000);
    }

    [Fact]
    public void Nino_rules_agree_with_the_standards_regex_on_arbitrary_strings()
    {
        var chars = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"];
        Gen.OneOf(
                chars.Array[9].Select(a => new string(a)),
                Gen.Select(
                    Gen.OneOf([.. NinoRules.IssuablePrefixes, .. NinoRules.UnallocatedPrefixes, "QQ", "DA", "AO"]),
                    Gen.Int[0, 999_999],
                    Gen.Char['A', 'F'],
                    (p, n, s) => $"{p}{n:D6}{s}"))
            .Sample(s => NinoRules.IsValid(s) == SyntheticPopulationTests.NinoPattern.IsMatch(s), iter: 5000);
    }

    [Fact]
    public void Issuable_nino_prefixes_exclude_unallocated_and_administrative_ones()
    {
        var prefixes = NinoRules.IssuablePrefixes;
        Assert.Equal(370, prefixes.Count);
        foreach (var excluded in new[] { "BG", "GB", "KN", "NK", "NT", "TN", "ZZ", "CR", "FY", "MW", "NC", "OO", "DA", "AD", "AO" })
        {
            Assert.DoesNotContain(excluded, prefixes);
        }
    }

    [Fact]
    public void Id_permutation_is_a_bijection_of_its_domain()
    {
        foreach (var domain in new long[] { 2, 1000, 4097, 100_003 })
        {
            var permutation = new IdPermutation(domain, 12345);
            var images = new HashSet<long>();
            for (var x = 0L; x < domain; x++)
            {
                var y = permutation.Apply(x);
                Assert.InRange(y, 0, domain - 1);
                Assert.True(images.Add(y));
            }
        }
    }

    [Fact]
    public void A_typo_is_one_keyboard_slip()
    {
        Gen.Select(Gen.OneOf([.. GivenNames.Female, .. FamilyNames.All]), Gen.ULong).Sample((name, seed) =>
        {
            var random = new SynthRandom(seed);
            var slipped = Typos.Apply(name, ref random);
            if (name.Count(char.IsAsciiLetter) < 3)
            {
                return ReferenceEquals(name, slipped);
            }

            if (Edits.Distance(name.ToUpperInvariant(), slipped.ToUpperInvariant()) != 1)
            {
                return false;
            }

            // A substitution strikes a key next to the right one.
            if (slipped.Length == name.Length)
            {
                var diffs = Enumerable.Range(0, name.Length).Where(i => char.ToLowerInvariant(name[i]) != char.ToLowerInvariant(slipped[i])).ToList();
                return diffs.Count == 2 || Typos.Neighbours(char.ToLowerInvariant(name[diffs[0]])).Contains(char.ToLowerInvariant(slipped[diffs[0]]));
            }

            return true;
        }, iter: 3000);
    }
}
