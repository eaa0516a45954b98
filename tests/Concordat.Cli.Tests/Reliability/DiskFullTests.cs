using System.Globalization;
using System.Text;
using Concordat.Cli.Tests.Commands;
using Microsoft.Data.Sqlite;

namespace Concordat.Cli.Tests.Reliability;

/// <summary>
/// Issue 13 item 6, disk full during ingest: the data directory on a small tmpfs, a run too large for it. The command
/// fails in one line with a documented exit code, acknowledges nothing, leaves the store sound and exactly as before
/// (by content hash), and the same run succeeds once space is freed.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly CliWorkspace _ws = new();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Ingest_that_fills_the_disk_fails_in_one_line_changes_nothing_and_succeeds_once_space_is_freed()
    {
        using var disk = Tmpfs.Mount(megabytes: 6);
        var data = Path.Combine(disk.Path, "data");
        _ws.Write("schema.json", """{"fields": [{"name": "recordId", "type": "string"}, {"name": "notes", "type": "string"}], "primaryKey": ["recordId"]}""");
        var mapping = _ws.Write("m.json", """{"source": {"format": "csv"}, "mode": "full", "fields": [{"field": "recordId", "from": "REF"}, {"field": "notes", "from": "NOTES"}]}""");
        Assert.Equal(0, await _ws.RunInAsync(data, "organisations", "add", "org", "--name", "Org"));
        Assert.Equal(0, await _ws.RunInAsync(data, "datasets", "add", "org-notes", "--org", "org", "--title", "Notes", "--schema", _ws.PathOf("schema.json")));
        Assert.Equal(0, await _ws.RunInAsync(data, "ingest", "org-notes", Csv("small.csv", 100), "--mapping", mapping));
        SqliteConnection.ClearAllPools();
        var database = Path.Combine(data, "concordat.db");
        var before = StoreContentHash.Compute(database);

        // About 20 MB of records into a 6 MB filesystem.
        var large = Csv("large.csv", 40_000);
        var result = await _ws.RunProcessInAsync(data, new Dictionary<string, string>(), "ingest", "org-notes", large, "--mapping", mapping);

        Assert.Contains(result.ExitCode, new[] { 1, 74 });
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("full", line, StringComparison.OrdinalIgnoreCase);
        SqliteConnection.ClearAllPools();
        Assert.Equal("ok", StoreContentHash.IntegrityCheck(database));
        Assert.Equal(0, StoreContentHash.UnfinishedRuns(database));
        Assert.Equal(before, StoreContentHash.Compute(database));

        disk.Resize(megabytes: 128);
        Assert.Equal(0, (await _ws.RunProcessInAsync(data, new Dictionary<string, string>(), "ingest", "org-notes", large, "--mapping", mapping)).ExitCode);
        SqliteConnection.ClearAllPools();
        Assert.NotEqual(before, StoreContentHash.Compute(database));
        Assert.Equal("ok", StoreContentHash.IntegrityCheck(database));
    }

    private string Csv(string name, int rows)
    {
        var csv = new StringBuilder("REF,NOTES\n");
        var filler = new string('x', 400);
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"R{i},{filler}{i}\n");
        }

        return _ws.Write(name, csv.ToString());
    }

    public void Dispose() => _ws.Dispose();
}
