using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api;

public sealed class RecordsAndRunsTests : IClassFixture<RecordsAndRunsTests.SeededHost>
{
    private readonly SeededHost _host;

    public RecordsAndRunsTests(SeededHost host) => _host = host;

    [Fact]
    public async Task Runs_are_listed_newest_first_and_read_one_by_one()
    {
        using var http = await _host.AsAsync("dwp-steward");
        var runs = await http.GetFromJsonAsync<JsonArray>("/api/v1/datasets/dwp-claimants/runs");
        Assert.Equal([_host.SecondRun, _host.FirstRun], runs!.Select(r => (long)r!["id"]!));
        var run = await http.GetFromJsonAsync<JsonObject>($"/api/v1/runs/{_host.FirstRun}");
        Assert.Equal("dwp-claimants", (string)run!["datasetId"]!);
        Assert.Equal("succeeded", (string)run["status"]!);
        Assert.Equal(4, (long)run["counts"]!["rowsQuarantined"]!);
        await Problem.ReadAsync(await http.GetAsync("/api/v1/runs/999999"), 404);
    }

    [Fact]
    public async Task Quarantine_pages_by_row_number()
    {
        using var http = await _host.AsAsync("dwp-steward");
        var first = await http.GetFromJsonAsync<JsonObject>($"/api/v1/runs/{_host.FirstRun}/quarantine?limit=3");
        Assert.Equal([2L, 4L, 5L], first!["items"]!.AsArray().Select(r => (long)r!["rowNumber"]!));
        Assert.Equal("5", (string)first["next"]!);
        Assert.Equal("nino: not a valid National Insurance number", (string)first["items"]![0]!["reasons"]![0]!);

        var second = await http.GetFromJsonAsync<JsonObject>($"/api/v1/runs/{_host.FirstRun}/quarantine?limit=3&after=5");
        Assert.Equal([7L], second!["items"]!.AsArray().Select(r => (long)r!["rowNumber"]!));
        Assert.Null(second["next"]);
    }

    [Fact]
    public async Task Quarantine_csv_neutralises_formulas()
    {
        using var http = await _host.AsAsync("dwp-steward");
        using var response = await http.GetAsync($"/api/v1/runs/{_host.FirstRun}/quarantine?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("rowNumber,reasons,nino,familyName,note", lines[0]);
        var rows = lines.Skip(1).Select(SplitCsv).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(["2", "nino: not a valid National Insurance number", "XX", "'=HYPERLINK(\"http://evil.example\")", "'+1"], rows[0]);
        Assert.Equal(["4", "nino: not a valid National Insurance number; benefit: required", "'-2+3", "Smith", "'@SUM(A1:A2)"], rows[1]);
        Assert.Equal(["5", "familyName: required", "'\tTAB", "", ""], rows[2]);
        Assert.Equal(["7", "'=reason starting with equals", "'\rCR", "Lee", "'=cmd|' /C calc'!A0"], rows[3]);
        foreach (var cell in rows.SelectMany(r => r))
        {
            Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"Cell '{cell}' can run as a formula");
        }
    }

    [Fact]
    public async Task Records_page_in_key_order_with_a_next_cursor()
    {
        using var http = await _host.AsAsync("dwp-steward");
        var first = await http.GetFromJsonAsync<JsonObject>("/api/v1/datasets/dwp-claimants/records?limit=2");
        Assert.Equal(["AA000001A|universal-credit", "AA000002A|universal-credit"], first!["items"]!.AsArray().Select(r => (string)r!["key"]!));
        var next = (string)first["next"]!;
        Assert.DoesNotContain("AA0000", next, StringComparison.Ordinal);
        var second = await http.GetFromJsonAsync<JsonObject>($"/api/v1/datasets/dwp-claimants/records?limit=2&after={Uri.EscapeDataString(next)}");
        Assert.Equal(["AA000003A|pension-credit"], second!["items"]!.AsArray().Select(r => (string)r!["key"]!));
        Assert.Null(second["next"]);
        Assert.Equal("Jones", (string)second["items"]![0]!["fields"]!["familyName"]!);

        // A huge page size is capped, not honoured or refused.
        var all = await http.GetFromJsonAsync<JsonObject>("/api/v1/datasets/dwp-claimants/records?limit=1000000000");
        Assert.Equal(3, all!["items"]!.AsArray().Count);
        await Problem.ReadAsync(await http.GetAsync("/api/v1/datasets/dwp-claimants/records?limit=0"), 400);
    }

    [Fact]
    public async Task Record_cursor_is_opaque_and_refused_when_forged_or_moved_to_another_dataset()
    {
        using var http = await _host.AsAsync("dwp-steward");
        // The old form, a raw key as the cursor, is refused rather than honoured.
        var raw = await Problem.ReadAsync(await http.GetAsync("/api/v1/datasets/dwp-claimants/records?limit=1&after=" + Uri.EscapeDataString("AA000001A|universal-credit")), 400);
        Assert.Equal("request.invalid_cursor", Problem.Code(raw));
        Assert.DoesNotContain("AA000001A", raw.GetRawText(), StringComparison.Ordinal);

        using var admin = await _host.AsAsync("hub-admin");
        var first = await admin.GetFromJsonAsync<JsonObject>("/api/v1/datasets/dwp-claimants/records?limit=1");
        var moved = await Problem.ReadAsync(await admin.GetAsync("/api/v1/datasets/hmrc-taxpayers/records?after=" + Uri.EscapeDataString((string)first!["next"]!)), 400);
        Assert.Equal("request.invalid_cursor", Problem.Code(moved));
    }

    [Fact]
    public async Task Record_keys_travel_in_the_body_never_in_the_url()
    {
        using var http = await _host.AsAsync("dwp-steward");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/datasets/dwp-claimants/records/" + Uri.EscapeDataString("AA000001A|universal-credit"))).StatusCode);
        var required = await Problem.ReadAsync(await http.PostAsync("/api/v1/datasets/dwp-claimants/records/lookup", Bodies.Json("{}")), 400);
        Assert.Equal("request.required", Problem.Code(required));
        await Problem.ReadAsync(await http.PostAsync("/api/v1/datasets/dwp-claimants/records/lookup", Bodies.Json(new JsonObject { ["key"] = new string('A', 1025) })), 400);

        using var document = JsonDocument.Parse(await (await http.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/datasets/{id}/records/lookup", paths);
        Assert.Contains("/api/v1/datasets/{id}/records/history", paths);
        Assert.DoesNotContain(paths, p => p.Contains("{key}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_and_its_history_are_readable_by_the_owning_steward()
    {
        using var http = await _host.AsAsync("dwp-steward");
        var key = Bodies.Json(new JsonObject { ["key"] = "AA000001A|universal-credit" });
        var record = await (await http.PostAsync("/api/v1/datasets/dwp-claimants/records/lookup", key)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(2, (int)record!["version"]!);
        Assert.Equal("Brown-Smith", (string)record["fields"]!["familyName"]!);

        var history = await (await http.PostAsync("/api/v1/datasets/dwp-claimants/records/history", key)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal(["Brown", "Brown-Smith"], history!.Select(v => (string)v!["fields"]!["familyName"]!));
        Assert.Equal([_host.FirstRun, _host.SecondRun], history!.Select(v => (long)v!["runId"]!));

        var missing = await Problem.ReadAsync(await http.PostAsync("/api/v1/datasets/dwp-claimants/records/lookup", Bodies.Json(new JsonObject { ["key"] = "ZZ999999Z" })), 404);
        Assert.DoesNotContain("ZZ999999Z", missing.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_reads_records_and_other_departments_do_not()
    {
        using var admin = await _host.AsAsync("hub-admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/datasets/dwp-claimants/records")).StatusCode);

        using var hmrc = await _host.AsAsync("hmrc-steward");
        await Problem.ReadAsync(await hmrc.GetAsync("/api/v1/datasets/dwp-claimants/records"), 404);
        await Problem.ReadAsync(await hmrc.GetAsync($"/api/v1/runs/{_host.FirstRun}"), 404);
        await Problem.ReadAsync(await hmrc.GetAsync($"/api/v1/runs/{_host.FirstRun}/quarantine?format=csv"), 404);

        using var consumer = await _host.AsAsync("dwp-service");
        await Problem.ReadAsync(await consumer.GetAsync("/api/v1/datasets/dwp-claimants/records"), 403);
        await Problem.ReadAsync(await consumer.GetAsync($"/api/v1/runs/{_host.FirstRun}/quarantine"), 403);
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    public sealed class SeededHost : ConcordatHost
    {
        public SeededHost()
        {
            EnsureStarted();
            FirstRun = IngestSeed.Run(
                this,
                "dwp-claimants",
                [
                    ("AA000001A|universal-credit", """{"nino":"AA000001A","familyName":"Brown","benefit":"universal-credit"}"""),
                    ("AA000002A|universal-credit", """{"nino":"AA000002A","familyName":"Green","benefit":"universal-credit"}"""),
                    ("AA000003A|pension-credit", """{"nino":"AA000003A","familyName":"Jones","benefit":"pension-credit"}"""),
                ],
                [
                    (2, new() { ["nino"] = "XX", ["familyName"] = "=HYPERLINK(\"http://evil.example\")", ["note"] = "+1" }, ["nino: not a valid National Insurance number"]),
                    (4, new() { ["nino"] = "-2+3", ["familyName"] = "Smith", ["note"] = "@SUM(A1:A2)" }, ["nino: not a valid National Insurance number", "benefit: required"]),
                    (5, new() { ["nino"] = "\tTAB", ["familyName"] = null }, ["familyName: required"]),
                    (7, new() { ["nino"] = "\rCR", ["familyName"] = "Lee", ["note"] = "=cmd|' /C calc'!A0" }, ["=reason starting with equals"]),
                ]);
            SecondRun = IngestSeed.Run(
                this,
                "dwp-claimants",
                [("AA000001A|universal-credit", """{"nino":"AA000001A","familyName":"Brown-Smith","benefit":"universal-credit"}""")]);
        }

        public long FirstRun { get; }

        public long SecondRun { get; }
    }
}
