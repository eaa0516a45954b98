using Concordat.Core.Linkage;
using CsCheck;

namespace Concordat.Core.Tests.Linkage;

public sealed class StringSimilarityTests
{
    // Known values from Winkler (1990) and the record-linkage literature.
    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.961)]
    [InlineData("DWAYNE", "DUANE", 0.840)]
    [InlineData("DIXON", "DICKSONX", 0.813)]
    [InlineData("JELLYFISH", "SMELLYFISH", 0.896)]
    public void Jaro_winkler_matches_published_values(string a, string b, double expected)
    {
        Assert.Equal(expected, StringSimilarity.JaroWinkler(a, b), 3);
        Assert.Equal(expected, StringSimilarity.JaroWinkler(b, a), 3);
    }

    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.944)]
    [InlineData("DWAYNE", "DUANE", 0.822)]
    [InlineData("DIXON", "DICKSONX", 0.767)]
    public void Jaro_matches_published_values(string a, string b, double expected) =>
        Assert.Equal(expected, StringSimilarity.Jaro(a, b), 3);

    [Theory]
    [InlineData("", "", 1.0)]
    [InlineData("ABC", "", 0.0)]
    [InlineData("ABC", "XYZ", 0.0)]
    [InlineData("SAME", "SAME", 1.0)]
    public void Jaro_edge_cases(string a, string b, double expected) => Assert.Equal(expected, StringSimilarity.Jaro(a, b), 6);

    [Theory]
    [InlineData("KITTEN", "SITTING", 3)]
    [InlineData("FLAW", "LAWN", 2)]
    [InlineData("", "ABC", 3)]
    [InlineData("SAME", "SAME", 0)]
    [InlineData("CA", "AC", 2)]
    public void Levenshtein_known_values(string a, string b, int expected) => Assert.Equal(expected, StringSimilarity.Levenshtein(a, b));

    [Theory]
    [InlineData("CA", "AC", 1)]
    [InlineData("CA", "ABC", 3)]
    [InlineData("MARTHA", "MARHTA", 1)]
    [InlineData("KITTEN", "SITTING", 3)]
    [InlineData("AB", "", 2)]
    public void Damerau_levenshtein_counts_a_swap_of_neighbours_as_one_edit(string a, string b, int expected) =>
        Assert.Equal(expected, StringSimilarity.DamerauLevenshtein(a, b));

    [Theory]
    [InlineData("NIGHT", "NACHT", 1.0 / 7)]
    [InlineData("ABAB", "BABA", 1.0)]
    [InlineData("A", "A", 1.0)]
    [InlineData("A", "B", 0.0)]
    [InlineData("ABC", "ABD", 1.0 / 3)]
    public void Jaccard_of_bigrams_known_values(string a, string b, double expected)
    {
        Assert.Equal(expected, StringSimilarity.Jaccard(a, b), 6);
        Assert.Equal(expected, StringSimilarity.Jaccard(StringSimilarity.BigramSet(a), StringSimilarity.BigramSet(b)), 6);
    }

    private static readonly Gen<string> Words = Gen.Char["ABCDEFGH"].Array[0, 12].Select(c => new string(c));

    [Fact]
    public void Banded_checks_agree_with_full_distances()
    {
        Gen.Select(Words, Words, Gen.Int[0, 4]).Sample((a, b, max) =>
        {
            Assert.Equal(StringSimilarity.Levenshtein(a, b) <= max, StringSimilarity.LevenshteinAtMost(a, b, max));
            Assert.Equal(StringSimilarity.DamerauLevenshtein(a, b) <= max, StringSimilarity.DamerauLevenshteinAtMost(a, b, max));
        }, iter: 20_000);
    }

    [Fact]
    public void Jaro_upper_bound_is_never_below_jaro()
    {
        Gen.Select(Words, Words).Sample((a, b) => Assert.True(StringSimilarity.JaroUpperBound(a, b) >= StringSimilarity.Jaro(a, b) - 1e-12), iter: 20_000);
    }

    [Fact]
    public void Similarities_are_symmetric_and_in_range()
    {
        Gen.Select(Words, Words).Sample((a, b) =>
        {
            var jw = StringSimilarity.JaroWinkler(a, b);
            Assert.InRange(jw, 0, 1);
            Assert.Equal(jw, StringSimilarity.JaroWinkler(b, a), 12);
            Assert.Equal(StringSimilarity.Jaccard(a, b), StringSimilarity.Jaccard(b, a), 12);
            Assert.Equal(StringSimilarity.Levenshtein(a, b), StringSimilarity.Levenshtein(b, a));
        }, iter: 5_000);
    }

    [Fact]
    public void Long_strings_use_the_pool_and_still_compute()
    {
        var a = new string('A', 200) + "B";
        var b = new string('A', 200) + "C";
        Assert.Equal(1, StringSimilarity.Levenshtein(a, b));
        Assert.Equal(1, StringSimilarity.DamerauLevenshtein(a, b));
        Assert.True(StringSimilarity.LevenshteinAtMost(a, b, 2));
        Assert.True(StringSimilarity.JaroWinkler(a, b) > 0.99);
    }
}
