using Concordat.Core.Ingestion;

namespace Concordat.Core.Tests.Ingestion;

public sealed class MappingJsonTests
{
    [Fact]
    public void Reads_bare_and_object_transforms()
    {
        var mapping = MappingJson.Parse("""
            {
              "source": {"format": "csv", "encoding": "windows-1252", "delimiter": ";"},
              "mode": "incremental",
              "fields": [
                {"field": "dateOfBirth", "from": "DOB", "transforms": ["trim", {"op": "parseDate", "formats": ["dd/MM/yyyy", "yyyyMMdd"]}]}
              ]
            }
            """).Value;
        Assert.Equal(';', mapping.Source.Delimiter);
        Assert.Equal(RefreshMode.Incremental, mapping.Mode);
        var transforms = mapping.Fields.Single().Transforms;
        Assert.Equal("trim", transforms[0].Op);
        Assert.Equal(["dd/MM/yyyy", "yyyyMMdd"], transforms[1].Formats);
    }

    [Fact]
    public void Round_trips_through_write()
    {
        var original = MappingJson.Parse("""{"source":{"format":"xml","recordPath":"/A/B"},"fields":[{"field":"x","transforms":[{"op":"splitName","part":"given"}]}]}""").Value;
        var again = MappingJson.Parse(MappingJson.Write(original)).Value;
        Assert.Equal("/A/B", again.Source.RecordPath);
        Assert.Equal("given", again.Fields[0].Transforms[0].Part);
    }

    [Fact]
    public void A_member_named_twice_is_refused_not_silently_the_last_one()
    {
        // A careless edit leaves two "mode" members: the file must not quietly become a full refresh.
        var result = MappingJson.Parse("""{"mode": "incremental", "fields": [{"field": "x"}], "mode": "full"}""");
        Assert.False(result.IsSuccess);
        Assert.Equal("mapping.invalid_json", result.Errors[0].Code);
    }

    [Theory]
    [InlineData("""{"source": {"format": "excel"}}""")]
    [InlineData("""{"fields": [{"field": "x", "transforms": [{"formats": []}]}]}""")]
    [InlineData("""{"fields": [{"field": "x", "transforms": [{"op": "trim", "colour": "red"}]}]}""")]
    [InlineData("""{"feilds": []}""")]
    [InlineData("""{"source": """)]
    [InlineData("null")]
    public void Rejects_bad_mapping_files_with_a_message(string json)
    {
        var result = MappingJson.Parse(json);
        Assert.False(result.IsSuccess);
        Assert.False(string.IsNullOrWhiteSpace(result.Errors[0].Message));
    }

    [Theory]
    [InlineData("""{"fields": [null]}""")]
    [InlineData("""{"fields": [{"field": "nino", "transforms": [null]}]}""")]
    public void Null_entries_in_a_mapping_are_errors_not_crashes(string json)
    {
        var schema = new Concordat.Core.Catalogue.DatasetSchema([new Concordat.Core.Catalogue.SchemaField("nino", Concordat.Core.Catalogue.FieldType.String)], []);
        var dataset = new Concordat.Core.Catalogue.Dataset("d1", "o1", "D", schema);
        var errors = IngestService.CheckMapping(dataset, MappingJson.Parse(json).Value);
        Assert.NotEmpty(errors);
    }
}
