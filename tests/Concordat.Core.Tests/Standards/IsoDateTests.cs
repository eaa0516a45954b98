using Concordat.Core.Standards;
using CsCheck;

namespace Concordat.Core.Tests.Standards;

public sealed class IsoDateTests
{
    [Theory]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("0001-01-01", 1, 1, 1)]
    [InlineData("9999-12-31", 9999, 12, 31)]
    [InlineData("1970-06-15", 1970, 6, 15)]
    public void Strict_iso_date_parses(string input, int year, int month, int day)
    {
        Assert.True(IsoDate.TryParseDate(input, out DateOnly date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-04-31")]
    [InlineData("0000-01-01")]
    [InlineData("2024-2-1")]
    [InlineData("24-02-01")]
    [InlineData("2024/02/01")]
    [InlineData("20240201")]
    [InlineData(" 2024-02-01")]
    [InlineData("2024-02-01 ")]
    [InlineData("2024-02-01T00:00:00Z")]
    [InlineData("01/02/2024")]
    [InlineData("２０２４-02-01")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_a_strict_iso_date_is_rejected(string? input)
    {
        Assert.False(IsoDate.TryParseDate(input, out DateOnly date));
        Assert.Equal(default, date);
    }

    [Theory]
    [InlineData("2024-06-01T12:00:00Z", "2024-06-01T12:00:00Z")]
    [InlineData("2024-06-01T13:00:00+01:00", "2024-06-01T12:00:00Z")]
    [InlineData("2024-06-01T07:30:00-04:30", "2024-06-01T12:00:00Z")]
    [InlineData("2024-06-01T12:00:00.5Z", "2024-06-01T12:00:00.5Z")]
    [InlineData("2024-06-01T12:00:00.1234567Z", "2024-06-01T12:00:00.1234567Z")]
    [InlineData("2024-06-01T12:00:00.1000000Z", "2024-06-01T12:00:00.1Z")]
    [InlineData("2024-06-01T12:00Z", "2024-06-01T12:00:00Z")]
    [InlineData("2024-01-01T00:30:00+01:00", "2023-12-31T23:30:00Z")]
    public void Iso_instant_with_an_offset_is_converted_to_utc(string input, string expected)
    {
        Assert.True(IsoDate.TryParseDateTime(input, out DateTimeOffset instant));
        Assert.Equal(TimeSpan.Zero, instant.Offset);
        Assert.Equal(expected, IsoDate.FormatDateTime(instant));
    }

    [Theory]
    [InlineData("2024-06-01T12:00:00")]
    [InlineData("2024-06-01 12:00:00Z")]
    [InlineData("2024-06-01")]
    [InlineData("2024-06-01T25:00:00Z")]
    [InlineData("2024-02-30T12:00:00Z")]
    [InlineData("2024-06-01T12:00:00.12345678Z")]
    [InlineData("01/06/2024T12:00:00Z")]
    [InlineData("2024-06-01t12:00:00z")]
    [InlineData("")]
    [InlineData(null)]
    public void Instant_without_an_offset_or_in_another_shape_is_rejected(string? input)
    {
        Assert.False(IsoDate.TryParseDateTime(input, out DateTimeOffset instant));
        Assert.Equal(default, instant);
    }

    [Fact]
    public void Format_date_writes_four_digit_year_and_two_digit_month_and_day()
    {
        Assert.Equal("0987-03-04", IsoDate.FormatDate(new DateOnly(987, 3, 4)));
    }

    [Fact]
    public void Format_date_time_writes_utc_with_z_and_drops_a_zero_fraction()
    {
        var local = new DateTimeOffset(2024, 6, 1, 13, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal("2024-06-01T12:00:00Z", IsoDate.FormatDateTime(local));
        Assert.Equal("2024-06-01T12:00:00.25Z", IsoDate.FormatDateTime(local.AddMilliseconds(250)));
    }

    [Fact]
    public void Buffer_formatting_of_any_date_matches_the_iso_text()
    {
        Gen.DateOnly.Sample(date =>
        {
            Span<char> buffer = stackalloc char[10];
            Assert.True(IsoDate.TryFormatDate(date, buffer, out int written));
            Assert.Equal(IsoDate.FormatDate(date), buffer[..written].ToString());
        });
        Span<char> early = stackalloc char[10];
        Assert.True(IsoDate.TryFormatDate(new DateOnly(987, 3, 4), early, out int length));
        Assert.Equal("0987-03-04", early[..length].ToString());
    }

    [Fact]
    public void Any_date_round_trips_through_its_iso_text()
    {
        Gen.DateOnly.Sample(date =>
        {
            Assert.True(IsoDate.TryParseDate(IsoDate.FormatDate(date), out DateOnly parsed));
            Assert.Equal(date, parsed);
        });
    }

    [Fact]
    public void Any_instant_round_trips_through_its_iso_text_to_the_tick()
    {
        Gen.Select(Gen.DateTime[new DateTime(1, 1, 2), new DateTime(9999, 12, 30)], Gen.Int[-14 * 60, 14 * 60])
            .Select((time, minutes) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Unspecified), TimeSpan.FromMinutes(minutes)))
            .Sample(instant =>
            {
                string text = IsoDate.FormatDateTime(instant);
                Assert.True(IsoDate.TryParseDateTime(text, out DateTimeOffset parsed), text);
                Assert.Equal(instant.UtcTicks, parsed.UtcTicks);
            });
    }

    [Fact]
    public void Random_text_never_throws()
    {
        StandardsGen.AnyText.Sample(text =>
        {
            _ = IsoDate.TryParseDate(text, out _);
            _ = IsoDate.TryParseDateTime(text, out _);
        }, iter: 20_000);
    }
}
