using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api;

public sealed class DatasetApiTests : IClassFixture<ConcordatHost>
{
    private readonly ConcordatHost _host;

    public DatasetApiTests(ConcordatHost host) => _host = host;

    [Fact]
    public async Task Schema_round_trips_through_the_api_as_table_schema()
    {
        using var http = await _host.AsAsync("dvla-steward");
        using var created = await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("dvla-round-trip", "dvla")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var response = await http.GetAsync("/api/v1/datasets/dvla-round-trip/schema");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(JsonNode.DeepEquals(Bodies.PersonSchema(), schema), schema.ToJsonString());

        var dataset = await http.GetFromJsonAsync<JsonObject>("/api/v1/datasets/dvla-round-trip");
        Assert.True(JsonNode.DeepEquals(Bodies.PersonSchema(), dataset!["schema"]));
        Assert.Equal(["test"], dataset["keywords"]!.AsArray().Select(k => (string)k!));
    }

    [Fact]
    public async Task Schema_update_needs_a_current_if_match()
    {
        using var http = await _host.AsAsync("leeds-council-steward");
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("leeds-etag", "leeds-council")))).StatusCode);
        var changed = Bodies.PersonSchema();
        changed["fields"]!.AsArray().Add(new JsonObject { ["name"] = "postcode", ["type"] = "string", ["classification"] = "OFFICIAL", ["personalData"] = "personal", ["identifier"] = "postcode" });

        // No If-Match: 428.
        var missing = await Problem.ReadAsync(await http.PutAsync("/api/v1/datasets/leeds-etag/schema", Bodies.Json(changed)), 428);
        Assert.Equal("dataset.if_match_required", Problem.Code(missing));

        // Current version: 200 and the new ETag.
        using var first = await PutSchemaAsync(http, "leeds-etag", changed, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag?.Tag);
        Assert.True(JsonNode.DeepEquals(changed, JsonNode.Parse(await first.Content.ReadAsStringAsync())));

        // The same stale version again: 412, nothing changed.
        using var stale = await PutSchemaAsync(http, "leeds-etag", Bodies.PersonSchema(), "\"1\"");
        var problem = await Problem.ReadAsync(stale, 412);
        Assert.Equal("dataset.schema_version_conflict", Problem.Code(problem));
        Assert.Equal("\"2\"", stale.Headers.ETag?.Tag);
        var current = await http.GetFromJsonAsync<JsonObject>("/api/v1/datasets/leeds-etag");
        Assert.Equal(2, (int)current!["schemaVersion"]!);
        Assert.Equal(4, current["schema"]!["fields"]!.AsArray().Count);

        // Weak tags never satisfy If-Match.
        await Problem.ReadAsync(await PutSchemaAsync(http, "leeds-etag", Bodies.PersonSchema(), "W/\"2\""), 412);
    }

    [Fact]
    public async Task Concurrent_updates_with_the_same_etag_let_exactly_one_win()
    {
        using var http = await _host.AsAsync("dvla-steward");
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("dvla-race", "dvla")))).StatusCode);

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            var schema = Bodies.PersonSchema();
            schema["fields"]![1]!["description"] = $"Writer {i}";
            using var response = await PutSchemaAsync(http, "dvla-race", schema, "\"1\"");
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(attempts);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
        Assert.Equal(2, (int)(await http.GetFromJsonAsync<JsonObject>("/api/v1/datasets/dvla-race"))!["schemaVersion"]!);
    }

    [Fact]
    public async Task Invalid_schema_update_is_400_and_keeps_the_version()
    {
        using var http = await _host.AsAsync("hmrc-steward");
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("hmrc-invalid-update", "hmrc")))).StatusCode);
        var bad = new JsonObject { ["fields"] = new JsonArray(new JsonObject { ["name"] = "1bad", ["type"] = "string" }) };
        var problem = await Problem.ReadAsync(await PutSchemaAsync(http, "hmrc-invalid-update", bad, "\"1\""), 400);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "schema.bad_field_name");
        Assert.Equal(1, (int)(await http.GetFromJsonAsync<JsonObject>("/api/v1/datasets/hmrc-invalid-update"))!["schemaVersion"]!);
    }

    [Fact]
    public async Task Schema_get_honours_if_none_match()
    {
        using var http = await _host.AsAsync("dwp-service");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/datasets/dwp-claimants/schema");
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Duplicate_dataset_id_is_409()
    {
        using var http = await _host.AsAsync("hub-admin");
        var problem = await Problem.ReadAsync(await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("hmrc-taxpayers", "hmrc"))), 409);
        Assert.Equal("dataset.exists", Problem.Code(problem));
    }

    [Fact]
    public async Task Dcat_catalogue_is_public_json_ld_listing_the_datasets()
    {
        using var steward = await _host.AsAsync("dwp-steward");
        Assert.Equal(HttpStatusCode.Created, (await steward.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("dwp-in-catalogue", "dwp")))).StatusCode);

        using var http = _host.Anonymous();
        using var response = await http.GetAsync("/api/v1/catalogue");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("dcat:Catalog", document.RootElement.GetProperty("@type").GetString());
        var datasets = document.RootElement.GetProperty("dcat:dataset").EnumerateArray().ToList();
        var ids = datasets.Select(d => d.GetProperty("dct:identifier").GetString()).ToList();
        Assert.Contains("hmrc-taxpayers", ids);
        Assert.Contains("dwp-claimants", ids);
        Assert.Contains("dvla-driving-licences", ids);
        Assert.Contains("leeds-council-tax", ids);
        Assert.Contains("dwp-in-catalogue", ids);
        var hmrc = datasets.Single(d => d.GetProperty("dct:identifier").GetString() == "hmrc-taxpayers");
        Assert.Equal("https://hub.example.gov.uk/api/v1/datasets/hmrc-taxpayers", hmrc.GetProperty("@id").GetString());
        Assert.Equal("HM Revenue and Customs", hmrc.GetProperty("dct:publisher").GetProperty("foaf:name").GetString());
        // Metadata only: no records, no field values.
        Assert.DoesNotContain("AB123456C", document.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_are_stored_with_their_mapping_and_checked_against_the_schema()
    {
        using var http = await _host.AsAsync("hmrc-steward");
        var mapping = """
            {
              "source": { "format": "csv", "delimiter": "|" },
              "mode": "incremental",
              "fields": [
                { "field": "nino", "from": "NI_NO", "transforms": ["trim", { "op": "case", "value": "upper" }] },
                { "field": "familyName", "from": "SURNAME" }
              ]
            }
            """;
        using var created = await http.PutAsync("/api/v1/datasets/hmrc-taxpayers/sources/paye-monthly", Bodies.Json(mapping));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var replaced = await http.PutAsync("/api/v1/datasets/hmrc-taxpayers/sources/paye-monthly", Bodies.Json(mapping));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var source = await http.GetFromJsonAsync<JsonObject>("/api/v1/datasets/hmrc-taxpayers/sources/paye-monthly");
        Assert.Equal("incremental", (string)source!["mapping"]!["mode"]!);
        Assert.Equal("|", (string)source["mapping"]!["source"]!["delimiter"]!);
        Assert.Equal("NI_NO", (string)source["mapping"]!["fields"]![0]!["from"]!);
        var list = await http.GetFromJsonAsync<JsonArray>("/api/v1/datasets/hmrc-taxpayers/sources");
        Assert.Contains(list!, s => (string)s!["name"]! == "paye-monthly");

        var unknownField = await Problem.ReadAsync(await http.PutAsync("/api/v1/datasets/hmrc-taxpayers/sources/bad", Bodies.Json("""{"fields":[{"field":"shoeSize"}]}""")), 400);
        Assert.Equal("mapping.unknown_field", Problem.Code(unknownField));
        var layoutFile = await Problem.ReadAsync(await http.PutAsync("/api/v1/datasets/hmrc-taxpayers/sources/bad", Bodies.Json("""{"source":{"format":"fixedWidth","layoutFile":"../../etc/passwd"}}""")), 400);
        Assert.Equal("mapping.layout_file_not_allowed", Problem.Code(layoutFile));
        var invalid = await Problem.ReadAsync(await http.PutAsync("/api/v1/datasets/hmrc-taxpayers/sources/bad", Bodies.Json("""{"source":{"format":"punchedCards"}}""")), 400);
        Assert.Equal("mapping.invalid_json", Problem.Code(invalid));
        await Problem.ReadAsync(await http.GetAsync("/api/v1/datasets/hmrc-taxpayers/sources/bad"), 404);
    }

    private static Task<HttpResponseMessage> PutSchemaAsync(HttpClient http, string id, JsonObject schema, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/datasets/{id}/schema") { Content = Bodies.Json(schema) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return http.SendAsync(request);
    }
}
