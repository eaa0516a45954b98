using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;

namespace Concordat.Core.Tests.Ingestion.Sources;

public sealed class FixedWidthLayoutValidationTests
{
    private static Error SingleError(FixedWidthLayout layout)
    {
        var result = FixedWidthRecordSource.Validate(layout);
        Assert.False(result.IsSuccess);
        return Assert.Single(result.Errors);
    }

    private static FixedWidthLayout WithFields(params FixedWidthField[] fields) => new() { Fields = fields };

    [Fact]
    public void Valid_layout_is_returned()
    {
        var layout = new FixedWidthLayout
        {
            Encoding = "ibm037",
            RecordLength = 20,
            Fields = [new FixedWidthField("a", 11, 10), new FixedWidthField("b", 1, 5) { Kind = "packed", Scale = 9 }],
        };

        var result = FixedWidthRecordSource.Validate(layout);

        Assert.True(result.IsSuccess);
        Assert.Same(layout, result.Value);
    }

    [Fact]
    public void Overlapping_fields_are_refused_naming_both()
    {
        var error = SingleError(WithFields(new FixedWidthField("surname", 1, 10), new FixedWidthField("forename", 10, 10)));

        Assert.Equal("layout.fields_overlap", error.Code);
        Assert.Equal("forename", error.Target);
        Assert.Equal("Field 'forename' (bytes 10-19) overlaps field 'surname' (bytes 1-10).", error.Message);
    }

    [Fact]
    public void Field_inside_a_longer_earlier_field_overlaps()
    {
        var result = FixedWidthRecordSource.Validate(WithFields(
            new FixedWidthField("all", 1, 30), new FixedWidthField("b", 5, 2), new FixedWidthField("c", 20, 2)));

        Assert.Equal(["b", "c"], result.Errors.Select(e => e.Target));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Zero_or_negative_length_is_refused(int length)
    {
        var error = SingleError(WithFields(new FixedWidthField("nino", 1, length)));

        Assert.Equal("layout.field_length", error.Code);
        Assert.Equal("nino", error.Target);
        Assert.Contains("'nino'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_before_byte_1_is_refused()
    {
        Assert.Equal("layout.field_start", SingleError(WithFields(new FixedWidthField("nino", 0, 9))).Code);
    }

    [Fact]
    public void Field_beyond_the_record_length_is_refused()
    {
        var error = SingleError(new FixedWidthLayout { RecordLength = 10, Fields = [new FixedWidthField("nino", 5, 9)] });

        Assert.Equal("layout.field_beyond_record", error.Code);
        Assert.Equal("Field 'nino' ends at byte 13, beyond the record length of 10 bytes.", error.Message);
    }

    [Fact]
    public void Duplicate_names_are_refused_ignoring_case()
    {
        var error = SingleError(WithFields(new FixedWidthField("Nino", 1, 9), new FixedWidthField("nino", 10, 9)));

        Assert.Equal("layout.duplicate_field", error.Code);
        Assert.Equal("nino", error.Target);
    }

    [Fact]
    public void Unknown_kind_is_refused()
    {
        var error = SingleError(WithFields(new FixedWidthField("amount", 1, 4) { Kind = "binary" }));

        Assert.Equal("layout.field_kind", error.Code);
        Assert.Contains("'binary'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_must_fit_the_digits_and_only_numeric_fields_have_one()
    {
        Assert.Equal("layout.field_scale", SingleError(WithFields(new FixedWidthField("a", 1, 3) { Kind = "packed", Scale = 6 })).Code);
        Assert.Equal("layout.field_scale", SingleError(WithFields(new FixedWidthField("a", 1, 3) { Kind = "zoned", Scale = -1 })).Code);
        Assert.Equal("layout.field_scale", SingleError(WithFields(new FixedWidthField("a", 1, 3) { Scale = 1 })).Code);
        Assert.True(FixedWidthRecordSource.Validate(WithFields(new FixedWidthField("a", 1, 3) { Kind = "packed", Scale = 5 })).IsSuccess);
    }

    [Fact]
    public void Unknown_encoding_no_fields_and_bad_record_length_are_refused()
    {
        var result = FixedWidthRecordSource.Validate(new FixedWidthLayout { Encoding = "ebcdic-martian", RecordLength = 0 });

        Assert.Equal(["layout.encoding", "layout.record_length", "layout.no_fields"], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = FixedWidthRecordSource.Validate(WithFields(
            new FixedWidthField("a", 1, 0), new FixedWidthField("b", 1, 4) { Kind = "float" }, new FixedWidthField("c", 3, 4)));

        Assert.Equal(["layout.field_length", "layout.field_kind", "layout.fields_overlap"], result.Errors.Select(e => e.Code));
    }
}
