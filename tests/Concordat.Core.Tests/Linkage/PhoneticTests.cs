using Concordat.Core.Linkage;

namespace Concordat.Core.Tests.Linkage;

public sealed class PhoneticTests
{
    // Examples of the US National Archives' Soundex rules.
    [Theory]
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Rubin", "R150")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Ashcroft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    [InlineData("Honeyman", "H555")]
    [InlineData("Lee", "L000")]
    [InlineData("O'Brien", "O165")]
    [InlineData("", "")]
    [InlineData("123", "")]
    public void Soundex_follows_the_archives_rules(string name, string expected) => Assert.Equal(expected, Soundex.Encode(name));

    [Theory]
    [InlineData("Smith", "SM0", "XMT")]
    [InlineData("Schmidt", "XMT", "SMT")]
    [InlineData("Thomas", "TMS", "TMS")]
    [InlineData("Knight", "NT", "NT")]
    [InlineData("Philips", "FLPS", "FLPS")]
    [InlineData("Catherine", "K0RN", "KTRN")]
    [InlineData("Xavier", "SF", "SFR")]
    [InlineData("Jose", "HS", "HS")]
    public void Double_metaphone_known_codes(string name, string primary, string alternate)
    {
        var (p, a) = DoubleMetaphone.Encode(name);
        Assert.Equal(primary, p);
        Assert.Equal(alternate, a);
    }

    [Theory]
    [InlineData("Catherine", "Kathryn")]
    [InlineData("Smith", "Smyth")]
    [InlineData("Schmidt", "Smith")]
    [InlineData("Stephen", "Steven")]
    [InlineData("Philips", "Phillips")]
    public void Double_metaphone_codes_sound_alikes_together(string a, string b)
    {
        var (pa, aa) = DoubleMetaphone.Encode(a);
        var (pb, ab) = DoubleMetaphone.Encode(b);
        Assert.True(pa == pb || pa == ab || aa == pb || aa == ab, $"{a}: {pa}/{aa}, {b}: {pb}/{ab}");
    }

    [Fact]
    public void Double_metaphone_codes_differ_for_different_names()
    {
        Assert.NotEqual(DoubleMetaphone.Encode("Smith").Primary, DoubleMetaphone.Encode("Jones").Primary);
        Assert.Equal(("", ""), DoubleMetaphone.Encode("--"));
    }

    [Fact]
    public void Double_metaphone_codes_are_at_most_four_characters()
    {
        foreach (var name in new[] { "Schwarzenegger", "Wojciechowski", "Featherstonehaugh", "Abercrombie", "Gallagher", "Ghislaine" })
        {
            var (p, a) = DoubleMetaphone.Encode(name);
            Assert.InRange(p.Length, 1, 4);
            Assert.InRange(a.Length, 1, 4);
        }
    }
}
