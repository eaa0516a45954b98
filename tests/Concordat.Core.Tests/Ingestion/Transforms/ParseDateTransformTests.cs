using System.Globalization;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Transforms;
using CsCheck;
using static Concordat.Core.Tests.Ingestion.Transforms.TransformAssert;

namespace Concordat.Core.Tests.Ingestion.Transforms;

public sealed class ParseDateTransformTests
{
    private static readonly FixedTimeProvider MidSummer2025 = new(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));

    private static IValueTransform ParseDate(params string[] formats) =>
        Create(new TransformSpec(ParseDateTransform.OpName) { Formats = formats.Length == 0 ? null : formats }, MidSummer2025);

    [Theory]
    [InlineData("2024-02-29", "2024-02-29")]
    [InlineData("29/02/2024", "2024-02-29")]
    [InlineData("1/2/2024", "2024-02-01")]
    [InlineData("01/02/2024", "2024-02-01")]
    [InlineData("  01/02/2024 ", "2024-02-01")]
    public void Without_formats_iso_and_british_day_month_year_are_accepted(string input, string expected)
    {
        Assert.Equal(expected, Succeeds(ParseDate(), input));
    }

    [Fact]
    public void Iso_input_is_returned_as_the_same_instance()
    {
        string input = new([.. "2024-02-29"]);

        Assert.Same(input, Succeeds(ParseDate(), input));
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("29/02/2023")]
    [InlineData("02/29/2024")]
    [InlineData("1st February 2024")]
    [InlineData("01/02/24")]
    public void Without_formats_other_shapes_and_impossible_dates_fail(string input)
    {
        Assert.Equal("The value is not a date in any of the formats yyyy-MM-dd, d/M/yyyy.", Fails(ParseDate(), input));
    }

    [Fact]
    public void Formats_are_tried_in_order()
    {
        Assert.Equal("2024-01-02", Succeeds(ParseDate("MM/dd/yyyy", "dd/MM/yyyy"), "01/02/2024"));
        Assert.Equal("2024-02-01", Succeeds(ParseDate("dd/MM/yyyy", "MM/dd/yyyy"), "01/02/2024"));
        Assert.Equal("2024-12-31", Succeeds(ParseDate("dd/MM/yyyy", "MM/dd/yyyy"), "12/31/2024"));
    }

    [Theory]
    [InlineData("dd-MMM-yyyy", "01-Feb-2024", "2024-02-01")]
    [InlineData("yyyyMMdd", "20240201", "2024-02-01")]
    [InlineData("d MMMM yyyy", "1 February 2024", "2024-02-01")]
    [InlineData("dd/MM/yyyy HH:mm", "01/02/2024 23:59", "2024-02-01")]
    public void Custom_formats_use_the_invariant_culture_and_drop_any_time(string format, string input, string expected)
    {
        Assert.Equal(expected, Succeeds(ParseDate(format), input));
    }

    [Fact]
    public void Single_format_failure_names_that_format()
    {
        Assert.Equal("The value is not a date in the format yyyyMMdd.", Fails(ParseDate("yyyyMMdd"), "2024-02-01"));
    }

    [Theory]
    [InlineData("01/01/25", "2025-01-01")]
    [InlineData("01/06/25", "2025-06-01")]
    [InlineData("02/06/25", "1925-06-02")]
    [InlineData("31/12/25", "1925-12-31")]
    [InlineData("01/01/30", "1930-01-01")]
    [InlineData("15/08/99", "1999-08-15")]
    [InlineData("15/08/00", "2000-08-15")]
    [InlineData("29/02/00", "2000-02-29")]
    public void Two_digit_years_never_put_a_date_after_today(string input, string expected)
    {
        Assert.Equal(expected, Succeeds(ParseDate("dd/MM/yy"), input));
    }

    [Fact]
    public void Two_digit_year_that_lands_on_29_february_of_1900_fails()
    {
        IValueTransform transform = Create(
            new TransformSpec(ParseDateTransform.OpName) { Formats = ["dd/MM/yy"] },
            new FixedTimeProvider(new DateTimeOffset(1999, 6, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Contains("29 February", Fails(transform, "29/02/00"), StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_y_in_a_format_is_not_a_two_digit_year()
    {
        // 'y' inside quotes is literal text, so the four-digit year keeps its own century.
        Assert.Equal("2049-01-01", Succeeds(ParseDate("'y'yyyy-MM-dd"), "y2049-01-01"));
    }

    [Fact]
    public void Any_date_of_birth_in_the_last_century_round_trips_through_a_two_digit_year()
    {
        var today = new DateOnly(2025, 6, 1);
        IValueTransform transform = ParseDate("dd/MM/yy");
        Gen.DateOnly[today.AddYears(-100).AddDays(1), today].Sample(date =>
        {
            string written = date.ToString("dd/MM/yy", CultureInfo.InvariantCulture);
            Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Succeeds(transform, written));
        });
    }

    [Fact]
    public void Output_parses_again_to_itself()
    {
        IValueTransform transform = ParseDate();
        Gen.DateOnly.Sample(date =>
        {
            string? once = Succeeds(transform, date.ToString("d/M/yyyy", CultureInfo.InvariantCulture));
            Assert.Same(once, Succeeds(transform, once));
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_values_become_null(string? input)
    {
        Assert.Null(Succeeds(ParseDate(), input));
    }

    [Fact]
    public void Constructor_rejects_an_invalid_format()
    {
        Assert.Throws<ArgumentException>(() => new ParseDateTransform(["%"], TimeProvider.System));
        Assert.Throws<ArgumentException>(() => new ParseDateTransform([], TimeProvider.System));
    }

    [Fact]
    public void Default_formats_are_iso_and_day_month_year()
    {
        Assert.Equal(["yyyy-MM-dd", "d/M/yyyy"], new ParseDateTransform(null, TimeProvider.System).Formats);
    }
}
