using Concordat.Core.Standards;

namespace Concordat.Core.Tests.Standards;

public sealed class NicknamesTests
{
    [Theory]
    [InlineData("Bill", "WILLIAM")]
    [InlineData("bill", "WILLIAM")]
    [InlineData("Peggy", "MARGARET")]
    [InlineData("Margaret", "MARGARET")]
    [InlineData(" Mr. Bob ", "ROBERT")]
    [InlineData("Xanthe", "XANTHE")]
    [InlineData("", "")]
    public void Canonical_maps_a_familiar_form_to_its_formal_name(string input, string expected) =>
        Assert.Equal(expected, Nicknames.Canonical(input));

    [Theory]
    [InlineData("Bill", "William")]
    [InlineData("Bill", "Billy")]
    [InlineData("Peggy", "Maggie")]
    [InlineData("Pat", "Patricia")]
    [InlineData("Pat", "Patrick")]
    [InlineData("Bert", "Bob")]
    [InlineData("WILLIAM", "william")]
    [InlineData("Liam", "Liam")]
    public void Equivalent_names(string a, string b)
    {
        Assert.True(Nicknames.AreEquivalent(a, b));
        Assert.True(Nicknames.AreEquivalent(b, a));
    }

    [Theory]
    [InlineData("Bill", "Robert")]
    [InlineData("Patrick", "Patricia")]
    [InlineData("John", "Jane")]
    [InlineData("", "")]
    [InlineData(null, "Bill")]
    public void Names_that_are_not_equivalent(string? a, string? b) => Assert.False(Nicknames.AreEquivalent(a, b));

    [Fact]
    public void Every_pair_in_the_table_is_equivalent_and_every_formal_name_is_its_own_canonical()
    {
        foreach (var (formal, nickname) in Nicknames.Pairs)
        {
            Assert.True(Nicknames.AreEquivalent(formal, nickname), $"{formal}/{nickname}");
            Assert.Contains(PersonName.Clean(formal), Nicknames.FormalNames(nickname));
            Assert.Equal(PersonName.Clean(formal), Nicknames.Canonical(formal));
        }
    }
}
