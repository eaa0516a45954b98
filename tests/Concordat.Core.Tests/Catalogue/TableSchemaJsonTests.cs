using System.Text.Json.Nodes;
using Concordat.Core.Catalogue;

namespace Concordat.Core.Tests.Catalogue;

public sealed class TableSchemaJsonTests
{
    private const string Sample = """
        {
          "fields": [
            {"name": "recordId", "type": "string", "constraints": {"required": true}},
            {"name": "nino", "type": "string", "identifier": "nino", "personalData": "personal", "classification": "OFFICIAL-SENSITIVE"},
            {"name": "income", "type": "number", "unit": "GBP", "constraints": {"minimum": 0, "maximum": 10000000}},
            {"name": "diagnosis", "type": "string", "personalData": "special-category"},
            {"name": "dateOfBirth", "type": "date", "constraints": {"minimum": "1900-01-01"}}
          ],
          "primaryKey": "recordId"
        }
        """;

    [Fact]
    public void Parses_fields_with_concordat_properties()
    {
        var schema = TableSchemaJson.Parse(Sample).Value;
        Assert.Equal(5, schema.Fields.Count);
        Assert.Equal(["recordId"], schema.PrimaryKey);
        var nino = schema.Find("nino")!;
        Assert.Equal(IdentifierKind.Nino, nino.Identifier);
        Assert.Equal(Classification.OfficialSensitive, nino.Classification);
        Assert.Equal(PersonalDataCategory.SpecialCategory, schema.Find("diagnosis")!.PersonalData);
        Assert.Equal("GBP", schema.Find("income")!.Unit);
        Assert.Equal("0", schema.Find("income")!.Constraints.Minimum);
        Assert.Equal("1900-01-01", schema.Find("dateOfBirth")!.Constraints.Minimum);
    }

    [Fact]
    public void Round_trips_through_export_and_import()
    {
        var schema = TableSchemaJson.Parse(Sample).Value;
        var again = TableSchemaJson.Parse(TableSchemaJson.Write(schema)).Value;
        Assert.Equal(TableSchemaJson.Write(schema), TableSchemaJson.Write(again));
        Assert.Equal(schema.Fields.Select(f => f with { Constraints = FieldConstraints.None }), again.Fields.Select(f => f with { Constraints = FieldConstraints.None }));
    }

    [Fact]
    public void Export_uses_frictionless_type_names()
    {
        var json = TableSchemaJson.ToJson(TableSchemaJson.Parse(Sample).Value);
        var types = json["fields"]!.AsArray().Select(f => f!["type"]!.GetValue<string>());
        Assert.Equal(["string", "string", "number", "string", "date"], types);
        Assert.Equal("recordId", json["primaryKey"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var result = TableSchemaJson.Parse("""
            {"fields": [
              {"name": "a", "type": "text"},
              {"name": "b", "type": "string", "classification": "SECRET"},
              {"name": "b", "type": "string"},
              {"name": "c", "type": "string", "identifier": "passport"},
              {"name": "d", "type": "string", "constraints": {"pattern": "(unclosed"}}
            ], "primaryKey": ["zz"]}
            """);
        Assert.False(result.IsSuccess);
        var codes = result.Errors.Select(e => e.Code).ToHashSet();
        Assert.Contains("schema.unknown_type", codes);
        Assert.Contains("schema.bad_field_property", codes);
        Assert.Contains("schema.duplicate_field", codes);
        Assert.Contains("schema.unknown_identifier", codes);
        Assert.Contains("schema.bad_pattern", codes);
        Assert.Contains("schema.unknown_key_field", codes);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"fields": []}""")]
    public void Rejects_documents_that_are_not_schemas(string json)
    {
        Assert.False(TableSchemaJson.Parse(json).IsSuccess);
    }

    [Fact]
    public void Dcat_export_lists_datasets_with_publisher_and_access_rights()
    {
        var schema = TableSchemaJson.Parse(Sample).Value;
        var org = new Organisation("hmrc", "HM Revenue and Customs", DateTimeOffset.UnixEpoch) { ContactEmail = "data@hmrc.example" };
        var dataset = new Dataset("hmrc-taxpayers", "hmrc", "Taxpayers", schema) { Keywords = ["tax"] };
        var doc = DcatCatalogue.Build([org], [dataset], new Uri("https://hub.example/"), "Test");

        Assert.Equal("dcat:Catalog", doc["@type"]!.GetValue<string>());
        var item = doc["dcat:dataset"]!.AsArray().Single()!.AsObject();
        Assert.Equal("https://hub.example/api/v1/datasets/hmrc-taxpayers", item["@id"]!.GetValue<string>());
        Assert.Equal("HM Revenue and Customs", item["dct:publisher"]!["foaf:name"]!.GetValue<string>());
        Assert.Contains("personal data", item["dct:accessRights"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("mailto:data@hmrc.example", item["dcat:contactPoint"]!["vcard:hasEmail"]!.GetValue<string>());
        Assert.IsType<JsonObject>(doc["@context"]);
    }
}
