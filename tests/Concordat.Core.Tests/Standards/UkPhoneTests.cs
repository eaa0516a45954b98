using Concordat.Core.Standards;
using CsCheck;

namespace Concordat.Core.Tests.Standards;

public sealed class UkPhoneTests
{
    [Theory]
    [InlineData("07700 900123", "+447700900123")]
    [InlineData("07700900123", "+447700900123")]
    [InlineData("+44 7700 900123", "+447700900123")]
    [InlineData("+44 (0)20 7946 0000", "+442079460000")]
    [InlineData("+44 020 7946 0000", "+442079460000")]
    [InlineData("0044 20 7946 0000", "+442079460000")]
    [InlineData("0044 (0) 20 7946 0000", "+442079460000")]
    [InlineData("020 7946 0000", "+442079460000")]
    [InlineData("(020) 7946-0000", "+442079460000")]
    [InlineData("0161.496.0000", "+441614960000")]
    [InlineData("447700900123", "+447700900123")]
    [InlineData("0800 123 456", "+44800123456")]
    [InlineData("016977 1234", "+44169771234")]
    [InlineData("0300 123 4567", "+443001234567")]
    [InlineData(" 028 9018 0000 ", "+442890180000")]
    public void Uk_numbers_normalise_to_e164(string input, string expected)
    {
        Assert.True(UkPhone.TryNormalise(input, out string? normalised));
        Assert.Equal(expected, normalised);
        Assert.True(UkPhone.IsValid(input));
        Assert.Null(UkPhone.Explain(input));
    }

    [Fact]
    public void Number_already_in_e164_is_returned_as_the_same_instance()
    {
        string input = new([.. "+447700900123"]);

        Assert.True(UkPhone.TryNormalise(input, out string? normalised));

        Assert.Same(input, normalised);
    }

    [Theory]
    [InlineData("077009001")]
    [InlineData("020 794 600")]
    [InlineData("+44 20 7946")]
    public void Too_few_digits_are_rejected(string input)
    {
        Assert.False(UkPhone.IsValid(input));
        Assert.Contains("too short", UkPhone.Explain(input), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("077009001234")]
    [InlineData("+44 7700 9001234")]
    [InlineData("0044770090012345678901")]
    public void Too_many_digits_are_rejected(string input)
    {
        Assert.False(UkPhone.IsValid(input));
        Assert.Contains("too long", UkPhone.Explain(input), StringComparison.Ordinal);
    }

    [Fact]
    public void Nine_digit_numbers_are_only_allowed_for_01_and_0800()
    {
        Assert.False(UkPhone.IsValid("020 7946 000"));
        Assert.False(UkPhone.IsValid("0770 090 012"));
        Assert.True(UkPhone.IsValid("0800 123 456"));
        Assert.True(UkPhone.IsValid("01697 71234"));
        Assert.Contains("Only some 01 and 0800", UkPhone.Explain("0300 123 456"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+1 202 555 0100")]
    [InlineData("+33 1 23 45 67 89")]
    [InlineData("00353 1 234 5678")]
    public void Other_country_codes_are_not_uk_numbers(string input)
    {
        Assert.False(UkPhone.IsValid(input));
        Assert.Equal("The number has a country code other than +44, so it is not a UK number.", UkPhone.Explain(input));
    }

    [Theory]
    [InlineData("04000 123456")]
    [InlineData("06000 123456")]
    [InlineData("+44 0 0123 456789")]
    public void Unallocated_ranges_are_rejected(string input)
    {
        Assert.False(UkPhone.IsValid(input));
        Assert.Equal("UK numbers never start 00 (after the trunk 0), 04 or 06.", UkPhone.Explain(input));
    }

    [Theory]
    [InlineData("7700 900123")]
    [InlineData("4477009001234")]
    public void Number_without_a_trunk_zero_or_country_code_is_rejected(string input)
    {
        Assert.False(UkPhone.IsValid(input));
        Assert.Equal("A UK number starts with 0, +44 or 0044.", UkPhone.Explain(input));
    }

    [Theory]
    [InlineData("07700 900123 ext 4")]
    [InlineData("07700#900123")]
    public void Letters_and_symbols_are_rejected(string input)
    {
        Assert.False(UkPhone.IsValid(input));
        Assert.StartsWith("A telephone number may contain only", UkPhone.Explain(input), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("07700 +900123")]
    [InlineData("++447700900123")]
    public void Plus_is_only_allowed_at_the_start(string input)
    {
        Assert.False(UkPhone.IsValid(input));
        Assert.Equal("A + may appear only at the start of a telephone number.", UkPhone.Explain(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Missing_number_is_invalid_and_explained_as_empty(string? input)
    {
        Assert.False(UkPhone.TryNormalise(input, out _));
        Assert.Equal("The telephone number is empty.", UkPhone.Explain(input));
    }

    [Fact]
    public void Generated_mobile_numbers_give_the_same_e164_in_every_written_form()
    {
        StandardsGen.Digits(9).Select(rest => "7" + rest)
            .SelectMany(nsn => Gen.OneOf($"0{nsn}", $"+44{nsn}", $"0044{nsn}", $"+44 (0){nsn}", $"44{nsn}", $"0{nsn[..4]} {nsn[4..]}")
                .Select(written => (nsn, written)))
            .Sample((nsn, written) =>
            {
                Assert.True(UkPhone.TryNormalise(written, out string? normalised));
                Assert.Equal("+44" + nsn, normalised);
            });
    }

    [Fact]
    public void Random_text_never_throws_and_all_entry_points_agree()
    {
        Gen.OneOf<string>(StandardsGen.AnyText, StandardsGen.Digits(11), StandardsGen.Digits(12)).Sample(text =>
        {
            bool valid = UkPhone.TryNormalise(text, out string? normalised);
            Assert.Equal(valid, UkPhone.IsValid(text));
            Assert.Equal(valid, UkPhone.Explain(text) is null);
            Assert.Equal(valid, normalised is not null);
            if (valid)
            {
                Assert.StartsWith("+44", normalised, StringComparison.Ordinal);
                Assert.InRange(normalised!.Length, 12, 13);
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Normalising_twice_gives_the_same_result_as_once()
    {
        Gen.OneOf<string>(StandardsGen.AnyText, StandardsGen.Digits(11).Select(d => "0" + d[1..])).Sample(text =>
        {
            if (UkPhone.TryNormalise(text, out string? once))
            {
                Assert.True(UkPhone.TryNormalise(once, out string? twice));
                Assert.Same(once, twice);
            }
        });
    }
}
