using Concordat.Core.Catalogue;
using Concordat.Core.Standards;

namespace Concordat.Core.Tests.Standards;

public sealed class IdentifierStandardTests
{
    [Theory]
    [InlineData(IdentifierKind.Nino, "ab 12 34 56 c", "AB123456C")]
    [InlineData(IdentifierKind.NhsNumber, "943 476 5919", "9434765919")]
    [InlineData(IdentifierKind.Postcode, "sw1a1aa", "SW1A 1AA")]
    [InlineData(IdentifierKind.Uprn, "000100023336956", null)]
    [InlineData(IdentifierKind.Uprn, "00100023336956", null)]
    [InlineData(IdentifierKind.Uprn, "0100023336956", null)]
    [InlineData(IdentifierKind.Uprn, "100023336956", "100023336956")]
    [InlineData(IdentifierKind.Uprn, "000000000042", "42")]
    [InlineData(IdentifierKind.Email, " Jane@Example.COM ", "Jane@example.com")]
    [InlineData(IdentifierKind.Phone, "07700 900123", "+447700900123")]
    public void Each_kind_dispatches_to_its_standard(IdentifierKind kind, string value, string? expected)
    {
        bool valid = IdentifierStandard.TryNormalise(kind, value, out string? normalised, out string? reason);

        Assert.Equal(expected is not null, valid);
        Assert.Equal(expected, normalised);
        Assert.Equal(valid, reason is null);
    }

    [Fact]
    public void None_passes_any_value_through_unchanged()
    {
        const string value = "  anything at all ";

        Assert.True(IdentifierStandard.TryNormalise(IdentifierKind.None, value, out string? normalised, out string? reason));

        Assert.Same(value, normalised);
        Assert.Null(reason);
    }

    [Theory]
    [InlineData(IdentifierKind.Nino, "QQ123456A")]
    [InlineData(IdentifierKind.NhsNumber, "9434765918")]
    [InlineData(IdentifierKind.Postcode, "SW1A 1CA")]
    [InlineData(IdentifierKind.Uprn, "0")]
    [InlineData(IdentifierKind.Email, "jane@localhost")]
    [InlineData(IdentifierKind.Phone, "+1 202 555 0100")]
    public void Invalid_value_gives_the_standards_reason(IdentifierKind kind, string value)
    {
        Assert.False(IdentifierStandard.TryNormalise(kind, value, out string? normalised, out string? reason));

        Assert.Null(normalised);
        Assert.NotNull(reason);
        Assert.Equal(IdentifierStandard.Explain(kind, value), reason);
    }

    [Fact]
    public void Undefined_kind_is_a_bug_and_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentifierStandard.TryNormalise((IdentifierKind)99, "x", out _, out _));
    }

    [Fact]
    public void Null_value_is_a_bug_and_throws()
    {
        Assert.Throws<ArgumentNullException>(() => IdentifierStandard.TryNormalise(IdentifierKind.Nino, null!, out _, out _));
    }
}
