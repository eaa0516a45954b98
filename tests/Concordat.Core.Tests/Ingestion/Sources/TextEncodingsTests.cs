using System.Text;
using Concordat.Core.Ingestion.Sources;

namespace Concordat.Core.Tests.Ingestion.Sources;

public sealed class TextEncodingsTests
{
    [Theory]
    [InlineData("utf-8", 65001)]
    [InlineData("UTF8", 65001)]
    [InlineData("windows-1252", 1252)]
    [InlineData("cp1252", 1252)]
    [InlineData("latin1", 28591)]
    [InlineData("ISO-8859-1", 28591)]
    [InlineData("ibm037", 37)]
    [InlineData("ebcdic", 37)]
    [InlineData("ibm285", 20285)]
    [InlineData("ascii", 20127)]
    [InlineData("us-ascii", 20127)]
    public void Known_names_resolve(string name, int codePage)
    {
        var result = TextEncodings.Resolve(name);

        Assert.True(result.IsSuccess);
        Assert.Equal(codePage, result.Value.CodePage);
    }

    [Fact]
    public void Decoders_are_strict()
    {
        Assert.Throws<DecoderFallbackException>(() => TextEncodings.Resolve("utf-8").Value.GetString([0x61, 0xFF]));
        Assert.Throws<DecoderFallbackException>(() => TextEncodings.Resolve("ascii").Value.GetString([0xA3]));
    }

    [Fact]
    public void Ebcdic_decodes_letters_digits_and_uk_pound()
    {
        Assert.Equal("A1", TextEncodings.Resolve("ibm037").Value.GetString([0xC1, 0xF1]));
        Assert.Equal("£", TextEncodings.Resolve("ibm285").Value.GetString([0x5B]));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("klingon")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_names_are_a_validation_error_listing_the_supported_ones(string? name)
    {
        var result = TextEncodings.Resolve(name);

        var error = Assert.Single(result.Errors);
        Assert.Equal("encoding.unknown", error.Code);
        Assert.Contains("utf-8, windows-1252", error.Message, StringComparison.Ordinal);
    }
}
