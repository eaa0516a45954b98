using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api;

public sealed class QualityApiTests : IClassFixture<ConcordatHost>
{
    private const string Mapping = """
        {"source": {"format": "csv"}, "mode": "full", "fields": [
          {"field": "nino", "from": "NI", "transforms": ["nino"]},
          {"field": "familyName", "from": "SURNAME", "transforms": ["trim", "title"]},
          {"field": "weeklyAmount", "from": "AMOUNT"}
        ]}
        """;

    private readonly ConcordatHost _host;

    public QualityApiTests(ConcordatHost host) => _host = host;

    private async Task<HttpClient> StewardWithDataAsync(string datasetId)
    {
        var http = await _host.AsAsync("dwp-steward");
        (await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset(datasetId, "dwp")))).EnsureSuccessStatusCode();
        (await http.PutAsync($"/api/v1/datasets/{datasetId}/sources/monthly", Bodies.Json(Mapping))).EnsureSuccessStatusCode();
        var csv = new StringContent("NI,SURNAME,AMOUNT\nAB123456C,SMITH,91.5\nCE123456D,,10\nJG103759A,JONES,\n", Encoding.UTF8, "text/csv");
        (await http.PostAsync($"/api/v1/datasets/{datasetId}/sources/monthly/runs", csv)).EnsureSuccessStatusCode();
        return http;
    }

    [Fact]
    public async Task Upload_stores_a_profile_for_the_run_and_post_profiles_on_demand()
    {
        using var http = await StewardWithDataAsync("dwp-quality-a");

        var profiles = (await http.GetFromJsonAsync<JsonArray>("/api/v1/datasets/dwp-quality-a/profiles"))!;
        var afterRun = Assert.Single(profiles)!;
        Assert.Equal("ingest", (string)afterRun["trigger"]!);
        Assert.NotNull(afterRun["runId"]);
        Assert.Equal(3, (long)afterRun["rows"]!);

        using var created = await http.PostAsync("/api/v1/datasets/dwp-quality-a/profiles", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var profile = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("onDemand", (string)profile["trigger"]!);
        var familyName = profile["fields"]!.AsArray().Single(f => (string)f!["name"]! == "familyName")!;
        Assert.Equal(2.0 / 3, (double)familyName["completeness"]!, 9);
        Assert.True((bool)familyName["topValuesWithheld"]!);
        var amount = profile["fields"]!.AsArray().Single(f => (string)f!["name"]! == "weeklyAmount")!;
        Assert.Equal("10", (string)amount["minimum"]!);
        Assert.Equal("91.5", (string)amount["maximum"]!);

        var fetched = await http.GetFromJsonAsync<JsonObject>(created.Headers.Location!.OriginalString);
        Assert.Equal((long)profile["id"]!, (long)fetched!["id"]!);

        using var html = await http.GetAsync(created.Headers.Location!.OriginalString + "?format=html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Problem.ReadAsync(await http.GetAsync("/api/v1/datasets/dwp-quality-a/profiles/999999"), 404);
        await Problem.ReadAsync(await http.GetAsync(created.Headers.Location!.OriginalString + "?format=pdf"), 400);
    }

    [Fact]
    public async Task Rules_put_reports_every_problem_with_its_line_and_changes_nothing()
    {
        using var http = await StewardWithDataAsync("dwp-quality-b");
        var bad = "{\"rules\": [\n  {\"type\": \"not_null\", \"field\": \"nino\"},\n  {\"type\": \"sparkles\"},\n  {\"type\": \"matches_regex\", \"field\": \"familyName\", \"pattern\": \"(x+x+)+y\"}\n]}";

        var problem = await Problem.ReadAsync(await http.PutAsync("/api/v1/datasets/dwp-quality-b/rules", new StringContent(bad, Encoding.UTF8, "application/json")), 400);

        Assert.Equal("quality.rules_invalid", Problem.Code(problem));
        var targets = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("target").GetString()).ToList();
        Assert.Equal(["line 3", "line 4"], targets);
        Assert.Equal("""{"rules":[]}""", await http.GetStringAsync("/api/v1/datasets/dwp-quality-b/rules"));
    }

    [Fact]
    public async Task Rules_put_then_profile_reports_failures_with_examples()
    {
        using var http = await StewardWithDataAsync("dwp-quality-c");
        var rules = """
            {"rules": [
              {"type": "not_null", "field": "familyName"},
              {"type": "in_range", "field": "weeklyAmount", "min": 0, "max": 50, "severity": "warn"},
              {"type": "row_count", "min": 1}
            ]}
            """;

        using var put = await http.PutAsync("/api/v1/datasets/dwp-quality-c/rules", new StringContent(rules, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(rules, await http.GetStringAsync("/api/v1/datasets/dwp-quality-c/rules"));

        using var created = await http.PostAsync("/api/v1/datasets/dwp-quality-c/profiles", null);
        var results = (await created.Content.ReadFromJsonAsync<JsonObject>())!["rules"]!.AsArray();
        Assert.Equal(["failed", "failed", "passed"], results.Select(r => (string)r!["status"]!));
        Assert.Equal("CE123456D", (string)results[0]!["examples"]![0]!["key"]!);
        Assert.Equal("91.5", (string)results[1]!["examples"]![0]!["value"]!);
    }

    [Fact]
    public async Task Consumers_see_aggregate_quality_only()
    {
        using (await StewardWithDataAsync("dwp-quality-d"))
        {
        }

        using var consumer = await _host.AsAsync("hmrc-service");
        var summary = (await consumer.GetFromJsonAsync<JsonObject>("/api/v1/datasets/dwp-quality-d/quality"))!;
        Assert.Equal(3, (long)summary["records"]!);
        Assert.NotNull(summary["score"]);
        Assert.NotNull(summary["fields"]!["familyName"]!["completeness"]);
        var text = summary.ToJsonString();
        Assert.DoesNotContain("AB123456C", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Smith", text, StringComparison.Ordinal);

        var package = (await consumer.GetFromJsonAsync<JsonObject>("/api/v1/datasets/dwp-quality-d/datapackage"))!;
        var schema = package["resources"]![0]!["schema"]!;
        Assert.NotNull(schema["quality"]!["score"]);
        Assert.NotNull(schema["fields"]![0]!["quality"]!["validity"]);
        Assert.DoesNotContain("AB123456C", package.ToJsonString(), StringComparison.Ordinal);

        await Problem.ReadAsync(await consumer.GetAsync("/api/v1/datasets/dwp-quality-d/profiles"), 403);
        await Problem.ReadAsync(await consumer.GetAsync("/api/v1/datasets/nope/quality"), 404);
    }

    [Fact]
    public async Task Another_organisations_steward_gets_404()
    {
        using (await StewardWithDataAsync("dwp-quality-e"))
        {
        }

        using var other = await _host.AsAsync("hmrc-steward");
        await Problem.ReadAsync(await other.GetAsync("/api/v1/datasets/dwp-quality-e/profiles"), 404);
        await Problem.ReadAsync(await other.PostAsync("/api/v1/datasets/dwp-quality-e/profiles", null), 404);
        await Problem.ReadAsync(await other.PutAsync("/api/v1/datasets/dwp-quality-e/rules", Bodies.Json("""{"rules": []}""")), 404);
    }

    [Fact]
    public async Task Catalogue_carries_dqv_measurements_for_profiled_datasets()
    {
        using (await StewardWithDataAsync("dwp-quality-f"))
        {
        }

        using var anonymous = _host.Anonymous();
        var catalogue = JsonNode.Parse(await anonymous.GetStringAsync("/api/v1/catalogue"))!;
        Assert.Equal("http://www.w3.org/ns/dqv#", (string)catalogue["@context"]!["dqv"]!);
        var dataset = catalogue["dcat:dataset"]!.AsArray().Single(d => (string)d!["dct:identifier"]! == "dwp-quality-f")!;
        var measurements = dataset["dqv:hasQualityMeasurement"]!.AsArray();
        Assert.Contains(measurements, m => ((string)m!["dqv:isMeasurementOf"]!["@id"]!).EndsWith("#score", StringComparison.Ordinal));
        Assert.Contains(measurements, m => ((string)m!["dqv:isMeasurementOf"]!["@id"]!).EndsWith("#completeness", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Profiling_an_empty_dataset_works_and_says_so()
    {
        using var http = await _host.AsAsync("dwp-steward");
        (await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("dwp-quality-empty", "dwp")))).EnsureSuccessStatusCode();

        using var created = await http.PostAsync("/api/v1/datasets/dwp-quality-empty/profiles", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var profile = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(0, (long)profile["rows"]!);
        Assert.Contains("no current records", (string)profile["note"]!, StringComparison.Ordinal);
    }
}
