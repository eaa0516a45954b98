using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Transforms;
using static Concordat.Core.Tests.Ingestion.Transforms.TransformAssert;

namespace Concordat.Core.Tests.Ingestion.Transforms;

public sealed class ParseDateTimeTransformTests
{
    private static readonly FixedTimeProvider MidSummer2025 = new(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));

    private static IValueTransform ParseDateTime(params string[] formats) =>
        Create(new TransformSpec(ParseDateTimeTransform.OpName) { Formats = formats.Length == 0 ? null : formats }, MidSummer2025);

    [Theory]
    [InlineData("2024-06-01T13:00:00+01:00", "2024-06-01T12:00:00Z")]
    [InlineData("2024-06-01T12:00:00.250Z", "2024-06-01T12:00:00.25Z")]
    [InlineData(" 2024-06-01T12:00Z ", "2024-06-01T12:00:00Z")]
    [InlineData("2024-01-01T00:30:00+01:00", "2023-12-31T23:30:00Z")]
    public void Without_formats_iso_instants_with_an_offset_become_utc(string input, string expected)
    {
        Assert.Equal(expected, Succeeds(ParseDateTime(), input));
    }

    [Fact]
    public void Utc_iso_input_is_returned_as_the_same_instance()
    {
        string input = new([.. "2024-06-01T12:00:00Z"]);

        Assert.Same(input, Succeeds(ParseDateTime(), input));
    }

    [Theory]
    [InlineData("2024-06-01T12:00:00")]
    [InlineData("2024-06-01 12:00:00Z")]
    [InlineData("01/06/2024 12:00")]
    public void Without_formats_a_time_without_offset_fails(string input)
    {
        Assert.StartsWith("The value is not an ISO 8601 date and time with an offset", Fails(ParseDateTime(), input), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_without_an_offset_is_read_as_utc()
    {
        Assert.Equal("2024-06-01T13:00:00Z", Succeeds(ParseDateTime("dd/MM/yyyy HH:mm"), "01/06/2024 13:00"));
    }

    [Fact]
    public void Format_with_an_offset_is_converted_to_utc()
    {
        Assert.Equal("2024-06-01T12:00:00Z", Succeeds(ParseDateTime("dd/MM/yyyy HH:mm zzz"), "01/06/2024 13:00 +01:00"));
    }

    [Fact]
    public void Formats_are_tried_in_order_and_failure_lists_them()
    {
        IValueTransform transform = ParseDateTime("yyyyMMddHHmmss", "dd/MM/yyyy HH:mm");

        Assert.Equal("2024-06-01T13:00:00Z", Succeeds(transform, "20240601130000"));
        Assert.Equal("2024-06-01T13:00:00Z", Succeeds(transform, "01/06/2024 13:00"));
        Assert.Equal(
            "The value is not a date and time in any of the formats yyyyMMddHHmmss, dd/MM/yyyy HH:mm.",
            Fails(transform, "2024-06-01"));
    }

    [Theory]
    [InlineData("31/12/25 10:00", "1925-12-31T10:00:00Z")]
    [InlineData("01/01/25 10:00", "2025-01-01T10:00:00Z")]
    public void Two_digit_years_follow_the_not_after_today_rule(string input, string expected)
    {
        Assert.Equal(expected, Succeeds(ParseDateTime("dd/MM/yy HH:mm"), input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Missing_values_become_null(string? input)
    {
        Assert.Null(Succeeds(ParseDateTime(), input));
    }
}
