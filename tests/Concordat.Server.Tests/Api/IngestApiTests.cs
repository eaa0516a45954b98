using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api;

public sealed class IngestApiTests : IClassFixture<ConcordatHost>
{
    private const string Mapping = """
        {"source": {"format": "csv"}, "mode": "full", "fields": [
          {"field": "nino", "from": "NI", "transforms": ["nino"]},
          {"field": "familyName", "from": "SURNAME", "transforms": ["trim", "title"]},
          {"field": "weeklyAmount", "from": "AMOUNT"}
        ]}
        """;

    private readonly ConcordatHost _host;

    public IngestApiTests(ConcordatHost host) => _host = host;

    private async Task<HttpClient> StewardWithSourceAsync(string datasetId)
    {
        var http = await _host.AsAsync("dwp-steward");
        (await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset(datasetId, "dwp")))).EnsureSuccessStatusCode();
        (await http.PutAsync($"/api/v1/datasets/{datasetId}/sources/monthly", Bodies.Json(Mapping))).EnsureSuccessStatusCode();
        return http;
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Steward_uploads_a_file_and_gets_the_run_with_quarantine()
    {
        using var http = await StewardWithSourceAsync("dwp-upload-ok");
        using var response = await http.PostAsync("/api/v1/datasets/dwp-upload-ok/sources/monthly/runs", Csv("NI,SURNAME,AMOUNT\nAB123456C,SMITH,91.5\nQQ123456A,JONES,10\n"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (long)run["counts"]!["rowsLoaded"]!);
        Assert.Equal(1, (long)run["counts"]!["rowsQuarantined"]!);
        Assert.Equal($"/api/v1/runs/{(long)run["id"]!}", response.Headers.Location!.OriginalString);

        var record = await (await http.PostAsync("/api/v1/datasets/dwp-upload-ok/records/lookup", Bodies.Json("""{"key":"AB123456C"}"""))).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("Smith", record!.ToJsonString(), StringComparison.Ordinal);
        var quarantine = await http.GetFromJsonAsync<JsonObject>($"/api/v1/runs/{(long)run["id"]!}/quarantine");
        Assert.StartsWith("nino:", (string)quarantine!["items"]![0]!["reasons"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_upload_is_422_and_changes_nothing()
    {
        using var http = await StewardWithSourceAsync("dwp-upload-bad");
        (await http.PostAsync("/api/v1/datasets/dwp-upload-bad/sources/monthly/runs", Csv("NI,SURNAME,AMOUNT\nAB123456C,SMITH,1\n"))).EnsureSuccessStatusCode();

        using var bad = new ByteArrayContent(Enumerable.Repeat((byte)0xFF, 2048).ToArray());
        var problem = await Problem.ReadAsync(await http.PostAsync("/api/v1/datasets/dwp-upload-bad/sources/monthly/runs", bad), 422);
        Assert.Equal("ingest.run_failed", Problem.Code(problem));
        var records = await http.GetFromJsonAsync<JsonObject>("/api/v1/datasets/dwp-upload-bad/records");
        Assert.Single(records!["items"]!.AsArray());
        Assert.Empty(Directory.GetFiles(Path.Combine(_host.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task Consumer_and_other_stewards_cannot_upload()
    {
        using (await StewardWithSourceAsync("dwp-upload-denied"))
        {
        }

        using var consumer = await _host.AsAsync("dwp-service");
        Assert.Equal(HttpStatusCode.Forbidden, (await consumer.PostAsync("/api/v1/datasets/dwp-upload-denied/sources/monthly/runs", Csv("NI\n"))).StatusCode);
        using var otherSteward = await _host.AsAsync("hmrc-steward");
        await Problem.ReadAsync(await otherSteward.PostAsync("/api/v1/datasets/dwp-upload-denied/sources/monthly/runs", Csv("NI\n")), 404);
        using var anonymous = _host.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/datasets/dwp-upload-denied/sources/monthly/runs", Csv("NI\n"))).StatusCode);
    }
}
