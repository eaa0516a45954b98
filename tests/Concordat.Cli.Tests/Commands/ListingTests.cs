using System.Text;
using System.Text.Json;
using Concordat.Core.Linkage;
using Concordat.Storage.Sqlite;

namespace Concordat.Cli.Tests.Commands;

/// <summary>
/// No silent caps (issues 15.14 and 14.5): listings page through the store, however many items are asked for, say
/// when more follow and how to continue, and records can be listed as JSON lines.
/// </summary>
public sealed class ListingTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly CliWorkspace _ws = new();

    private async Task LoadRecordsAsync(int count)
    {
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "hmrc", "--name", "HM Revenue and Customs"));
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "hmrc-taxpayers", "--org", "hmrc", "--title", "Taxpayers", "--schema", _ws.Write("schema.json", """
            {"fields": [{"name": "recordId", "type": "string"}, {"name": "amount", "type": "number"}], "primaryKey": ["recordId"]}
            """)));
        var csv = new StringBuilder("REF,AMOUNT\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append('R').Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append(",1").Append(i % 10).Append(".50\n");
        }

        _ws.Write("m.json", """{"source": {"format": "csv"}, "fields": [{"field": "recordId", "from": "REF"}, {"field": "amount", "from": "AMOUNT"}]}""");
        Assert.Equal(0, await _ws.RunAsync("ingest", "hmrc-taxpayers", _ws.Write("t.csv", csv.ToString()), "--mapping", _ws.PathOf("m.json")));
    }

    private static List<JsonElement> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    [Fact]
    public async Task Records_list_past_ten_thousand_as_json_lines_and_say_where_to_continue()
    {
        // The listing used to be cut at 10,000 records without a word.
        await LoadRecordsAsync(12_500);

        var first = await _ws.RunProcessAsync(NoEnvironment, "records", "hmrc-taxpayers", "--limit", "12000", "--format", "json");
        var rest = await _ws.RunProcessAsync(NoEnvironment, "records", "hmrc-taxpayers", "--after", "R011999", "--all", "--format", "json");

        Assert.Equal(0, first.ExitCode);
        var records = Lines(first.Output);
        Assert.Equal(12_000, records.Count);
        Assert.Equal("R000000", records[0].GetProperty("key").GetString());
        Assert.Equal("R011999", records[^1].GetProperty("key").GetString());
        Assert.Equal(1, records[0].GetProperty("version").GetInt32());
        Assert.False(records[0].GetProperty("deleted").GetBoolean());
        Assert.Equal("""{"recordId":"R000000","amount":10.5}""", records[0].GetProperty("fields").GetRawText());
        Assert.Equal("12,000 records shown; more follow. Continue with --after 'R011999', or list every record with --all.", first.Error.Trim());

        Assert.Equal(0, rest.ExitCode);
        Assert.Equal(Enumerable.Range(12_000, 500).Select(i => $"R{i:D6}"), Lines(rest.Output).Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(string.Empty, rest.Error);
    }

    [Fact]
    public async Task Records_table_says_when_more_follow_and_bad_listing_options_exit_2()
    {
        await LoadRecordsAsync(3);

        var table = await _ws.RunProcessAsync(NoEnvironment, "records", "hmrc-taxpayers", "--limit", "2");
        var exact = await _ws.RunProcessAsync(NoEnvironment, "records", "hmrc-taxpayers", "--limit", "3");
        var one = await _ws.RunProcessAsync(NoEnvironment, "records", "hmrc-taxpayers", "--limit", "1", "--format", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("R000001", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("R000002", table.Output, StringComparison.Ordinal);
        Assert.Equal("2 records shown; more follow. Continue with --after 'R000001', or list every record with --all.", table.Error.Trim());
        Assert.Equal(string.Empty, exact.Error);
        Assert.Equal("1 record shown; more follow. Continue with --after 'R000000', or list every record with --all.", one.Error.Trim());
        Assert.Equal(2, await _ws.RunAsync("records", "hmrc-taxpayers", "--limit", "0"));
        Assert.Equal(2, await _ws.RunAsync("records", "hmrc-taxpayers", "R000001", "--all"));
        Assert.Equal(2, await _ws.RunAsync("records", "hmrc-taxpayers", "--format", "xml"));
        Assert.Equal(2, await _ws.RunAsync("runs", "list", "hmrc-taxpayers", "--limit", "5000"));
    }

    [Fact]
    public async Task Review_queue_lists_past_one_thousand_items()
    {
        // The store cut every listing at 1,000 items without a word, and persons review with it.
        Assert.Equal(0, await _ws.RunAsync("organisations", "list"));
        using (var database = new SqliteDatabase(_ws.DatabasePath))
        {
            var items = Enumerable.Range(0, 1_500).Select(i => new ReviewItem
            {
                Left = new RecordRef("dwp-claimants", $"D{i:D4}"),
                Right = new RecordRef("hmrc-taxpayers", $"T{i:D4}"),
                MatchWeight = 0.5,
                MatchProbability = 0.6,
            }).ToList();
            await new SqlitePersonStore(database).SaveAsync(
                new PersonResolution { Persons = [], ReviewQueue = items, NewPersons = 0, NewlyLinkedRecords = 0, PairsScored = items.Count },
                DateTimeOffset.UtcNow,
                default);
        }

        var first = await _ws.RunProcessAsync(NoEnvironment, "persons", "review", "--limit", "1200", "--json");

        Assert.Equal(0, first.ExitCode);
        using var array = JsonDocument.Parse(first.Output);
        Assert.Equal(1_200, array.RootElement.GetArrayLength());
        var last = array.RootElement[1_199].GetProperty("id").GetInt64();
        Assert.Equal($"1,200 items shown; more follow. Continue with --after {last}, or list every item with --all.", first.Error.Trim());
        var rest = await _ws.RunProcessAsync(NoEnvironment, "persons", "review", "--after", last.ToString(System.Globalization.CultureInfo.InvariantCulture), "--all", "--json");
        using var remaining = JsonDocument.Parse(rest.Output);
        Assert.Equal(300, remaining.RootElement.GetArrayLength());
        Assert.Equal(string.Empty, rest.Error);
    }

    public void Dispose() => _ws.Dispose();
}
