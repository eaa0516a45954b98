using Concordat.Core.Standards;
using CsCheck;

namespace Concordat.Core.Tests.Standards;

public sealed class UprnTests
{
    [Theory]
    [InlineData("100023336956", 100023336956L)]
    [InlineData("1", 1L)]
    [InlineData("999999999999", 999999999999L)]
    [InlineData("000000000042", 42L)]
    [InlineData(" 10033544614 ", 10033544614L)]
    public void Valid_uprn_parses(string input, long expected)
    {
        Assert.True(Uprn.TryParse(input, out long uprn));
        Assert.Equal(expected, uprn);
        Assert.True(Uprn.IsValid(input));
        Assert.Null(Uprn.Explain(input));
    }

    [Fact]
    public void Downing_street_uprn_normalises_to_itself_without_allocating_a_copy()
    {
        string input = new([.. "100023336956"]);

        Assert.True(Uprn.TryNormalise(input, out string? normalised));

        Assert.Same(input, normalised);
    }

    [Theory]
    [InlineData("000000000042", "42")]
    [InlineData(" 7 ", "7")]
    public void Normalising_drops_leading_zeros_and_white_space(string input, string expected)
    {
        Assert.True(Uprn.TryNormalise(input, out string? normalised));
        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData("1000233369560")]
    [InlineData("9999999999999999999999")]
    public void More_than_twelve_digits_is_rejected(string input)
    {
        Assert.False(Uprn.TryParse(input, out long uprn));
        Assert.Equal(0, uprn);
        Assert.Equal("A UPRN has at most twelve digits.", Uprn.Explain(input));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("000000000000")]
    public void Zero_is_not_a_uprn(string input)
    {
        Assert.False(Uprn.IsValid(input));
        Assert.Equal("A UPRN is a positive number; zero is not a UPRN.", Uprn.Explain(input));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("12a")]
    [InlineData("1,000")]
    [InlineData("1.0")]
    [InlineData("1 000")]
    [InlineData("١٢٣")]
    public void Anything_but_ascii_digits_is_rejected(string input)
    {
        Assert.False(Uprn.IsValid(input));
        Assert.Equal("A UPRN contains only the digits 0 to 9.", Uprn.Explain(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_uprn_is_invalid_and_explained_as_empty(string? input)
    {
        Assert.False(Uprn.TryParse(input, out _));
        Assert.False(Uprn.TryNormalise(input, out _));
        Assert.Equal("The UPRN is empty.", Uprn.Explain(input));
    }

    [Fact]
    public void Every_positive_twelve_digit_value_round_trips_through_text()
    {
        Gen.Long[1, Uprn.MaxValue].Sample(value =>
        {
            string text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Uprn.TryParse(text, out long parsed));
            Assert.Equal(value, parsed);
            Assert.True(Uprn.TryParse(text.PadLeft(12, '0'), out long padded));
            Assert.Equal(value, padded);
        });
    }

    [Fact]
    public void Random_text_never_throws_and_all_entry_points_agree()
    {
        Gen.OneOf<string>(StandardsGen.AnyText, StandardsGen.Digits(12), StandardsGen.Digits(13)).Sample(text =>
        {
            bool valid = Uprn.TryParse(text, out long value);
            Assert.Equal(valid, Uprn.IsValid(text));
            Assert.Equal(valid, Uprn.Explain(text) is null);
            Assert.Equal(valid, Uprn.TryNormalise(text, out _));
            Assert.Equal(valid, value > 0);
        }, iter: 20_000);
    }
}
