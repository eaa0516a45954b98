using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api.Catalogue;

/// <summary>The Data Package and DCAT metadata the hub publishes are valid and tell the truth about the dataset.</summary>
public sealed class CatalogueMetadataTests : IClassFixture<ConcordatHost>
{
    private readonly ConcordatHost _host;

    public CatalogueMetadataTests(ConcordatHost host) => _host = host;

    [Fact]
    public async Task The_data_package_validates_against_the_frictionless_profile()
    {
        using var http = await _host.AsAsync("hmrc-service");
        var descriptor = await http.GetStringAsync("/api/v1/datasets/hmrc-taxpayers/datapackage");
        var resource = JsonNode.Parse(descriptor)!["resources"]![0]!;
        Assert.Equal("hmrc-taxpayers.csv", (string?)resource["path"]);
        Assert.Equal("csv", (string?)resource["format"]);

        Assert.Equal("valid", await NodeScript.RunAsync("tests/Concordat.Server.Tests/Api/Quality/datapackage-js", "validate.js", descriptor));

        // Control: the validator does refuse a resource with neither path nor data.
        var broken = JsonNode.Parse(descriptor)!;
        broken["resources"]![0]!.AsObject().Remove("path");
        Assert.StartsWith("invalid", await NodeScript.RunAsync("tests/Concordat.Server.Tests/Api/Quality/datapackage-js", "validate.js", broken.ToJsonString()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dcat_modified_follows_the_last_committed_change_and_every_dataset_is_described()
    {
        using var http = _host.Anonymous();
        var before = await DatasetAsync(http, "dvla-driving-licences");
        Assert.False(string.IsNullOrWhiteSpace((string?)before["dct:description"]));
        foreach (var node in JsonNode.Parse(await http.GetStringAsync("/api/v1/catalogue"))!["dcat:dataset"]!.AsArray())
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)node!["dct:description"]), $"{node["dct:identifier"]} has no description");
        }

        await Task.Delay(1100);
        IngestSeed.Run(_host, "dvla-driving-licences", [("DRV1", """{"driverNumber":"DRV1"}""")]);
        var after = await DatasetAsync(http, "dvla-driving-licences");
        Assert.True(string.CompareOrdinal((string?)after["dct:modified"]!["@value"], (string?)before["dct:modified"]!["@value"]) > 0,
            $"dct:modified stayed at {before["dct:modified"]!["@value"]} after an ingest");
    }

    private static async Task<JsonNode> DatasetAsync(HttpClient http, string id) =>
        JsonNode.Parse(await http.GetStringAsync("/api/v1/catalogue"))!["dcat:dataset"]!.AsArray().Single(d => (string?)d!["dct:identifier"] == id)!;
}
