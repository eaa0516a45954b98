using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;

namespace Concordat.Core.Tests.Audit;

public sealed class SubjectKeyerTests
{
    [Fact]
    public void Spellings_of_one_identifier_share_a_key_and_other_identifiers_do_not()
    {
        using var keyer = new SubjectKeyer(SubjectKeyer.NewSecret());
        var a = keyer.For(IdentifierKind.Nino, "AB123456C").Value;
        Assert.Equal(a, keyer.For(IdentifierKind.Nino, " ab 12 34 56 c ").Value);
        Assert.NotEqual(a, keyer.For(IdentifierKind.Nino, "AB123456D").Value);
        Assert.NotEqual(keyer.For(IdentifierKind.Uprn, "9434765919").Value, keyer.For(IdentifierKind.NhsNumber, "9434765919").Value);
    }

    [Fact]
    public void Keys_depend_on_the_secret_and_are_not_a_plain_hash()
    {
        using var one = new SubjectKeyer(SubjectKeyer.NewSecret());
        using var two = new SubjectKeyer(SubjectKeyer.NewSecret());
        var key = one.For(IdentifierKind.NhsNumber, "9434765919").Value;
        Assert.NotEqual(key, two.For(IdentifierKind.NhsNumber, "9434765919").Value);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("9434765919"))), key.ToString());
        Assert.Equal(64, key.ToString().Length);
        Assert.True(SubjectKey.TryParse(key.ToString(), out var parsed) && parsed.Equals(key));
    }

    [Fact]
    public void Invalid_identifiers_get_a_validation_error()
    {
        using var keyer = new SubjectKeyer(SubjectKeyer.NewSecret());
        var result = keyer.For(IdentifierKind.NhsNumber, "9434765918");
        Assert.False(result.IsSuccess);
        Assert.Equal("subject.invalid_identifier", result.Errors[0].Code);
        Assert.False(keyer.For(IdentifierKind.None, "x").IsSuccess);
    }
}
