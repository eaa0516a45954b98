using System.Diagnostics;
using System.Globalization;
using System.Text;
using Concordat.Cli.Tests.Commands;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Concordat.Cli.Tests.Reliability;

/// <summary>
/// Issue 13 item 1, the command line: kill -9 an ingest run and a persons resolve at seeded random moments. Each kill
/// starts from the same snapshot of a data directory. After it the store passes SQLite's integrity check, opens,
/// exports an audit log that <c>concordat audit verify</c> accepts, shows no unfinished run, and holds exactly the
/// state from before the command or exactly the state after it (by <see cref="StoreContentHash"/>, never a part);
/// then the command re-run to its end leaves the same content hash as a run that was never interrupted.
/// </summary>
public sealed class CliCrashTests : IDisposable
{
    private const int IngestRows = 60_000;
    private readonly CliWorkspace _ws = new();
    private readonly ITestOutputHelper _output;

    public CliCrashTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Killed_ingest_leaves_the_previous_state_or_the_whole_run_and_a_rerun_matches_an_uninterrupted_one()
    {
        _ws.Write("schema.json", """
            {"fields": [
              {"name": "recordId", "type": "string", "constraints": {"required": true}},
              {"name": "familyName", "type": "string"},
              {"name": "amount", "type": "number"}
            ], "primaryKey": ["recordId"]}
            """);
        var mapping = _ws.Write("m.json", """{"source": {"format": "csv"}, "mode": "full", "fields": [{"field": "recordId", "from": "REF"}, {"field": "familyName", "from": "NAME"}, {"field": "amount", "from": "AMOUNT"}]}""");
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "org", "--name", "Org"));
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "org-people", "--org", "org", "--title", "People", "--schema", _ws.PathOf("schema.json")));
        // The second file changes a third of the records, drops a tenth (tombstones) and quarantines other rows.
        Assert.Equal(0, await _ws.RunAsync("ingest", "org-people", WriteCsv("before.csv", "OLD", changeEvery: 0, dropEvery: 0, badEvery: 997), "--mapping", mapping));
        var after = WriteCsv("after.csv", "NEW", changeEvery: 3, dropEvery: 10, badEvery: 499);

        await RunTrialsAsync("ingest", ["ingest", "org-people", after, "--mapping", mapping], ["runs", "list", "org-people"]);
    }

    [Fact]
    public async Task Killed_persons_resolve_leaves_the_previous_persons_or_all_new_ones_and_a_rerun_matches()
    {
        Assert.Equal(0, await _ws.RunAsync("synth", "--people", "3000", "--seed", "13", "--out", _ws.PathOf("synth")));
        var synth = _ws.PathOf("synth");
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "hmrc", "--name", "HMRC"));
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "dwp", "--name", "DWP"));
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "hmrc-taxpayers", "--org", "hmrc", "--title", "Taxpayers", "--schema", Path.Combine(synth, "hmrc", "taxpayers.schema.json")));
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "dwp-claimants", "--org", "dwp", "--title", "Claimants", "--schema", Path.Combine(synth, "dwp", "claimants.schema.json")));
        Assert.Equal(0, await _ws.RunAsync("ingest", "hmrc-taxpayers", Path.Combine(synth, "hmrc", "taxpayers.csv"), "--mapping", Path.Combine(synth, "hmrc", "taxpayers.mapping.json")));
        Assert.Equal(0, await _ws.RunAsync("ingest", "dwp-claimants", Path.Combine(synth, "dwp", "claimants.jsonl"), "--mapping", Path.Combine(synth, "dwp", "claimants.mapping.json")));
        var settings = Path.Combine(Repository(), "docs", "linkage", "hub.settings.json");
        // Train once on a throwaway copy, so every run below scores with the same model and gives the same persons.
        var scratch = _ws.PathOf("scratch");
        CopyDirectory(_ws.Data, scratch);
        var model = _ws.PathOf("model.json");
        Assert.Equal(0, await _ws.RunInAsync(scratch, "persons", "resolve", "hmrc-taxpayers", "dwp-claimants", "-s", settings, "--model-out", model, "--review-from", "0.2"));

        await RunTrialsAsync("persons resolve", ["persons", "resolve", "hmrc-taxpayers", "dwp-claimants", "-s", settings, "-m", model, "--review-from", "0.2"], ["persons", "list", "--limit", "1"]);
    }

    /// <summary>
    /// Runs <paramref name="command"/> uninterrupted on a copy of the workspace's data directory for the reference
    /// hash, then <see cref="CrashSettings.Kills"/> times on fresh copies, each killed after a seeded random delay
    /// between a tenth and 1.2 times the uninterrupted run's length.
    /// </summary>
    private async Task RunTrialsAsync(string scenario, string[] command, string[] read)
    {
        var seed = CrashSettings.Seed;
        var kills = CrashSettings.Kills;
        _output.WriteLine($"{scenario}: seed {seed}, {kills} kills (replay with CONCORDAT_CRASH_SEED={seed})");
        var random = new Random(seed);
        SqliteConnection.ClearAllPools();
        var snapshot = _ws.PathOf("snapshot");
        CopyDirectory(_ws.Data, snapshot);
        var beforeHash = StoreContentHash.Compute(Path.Combine(snapshot, "concordat.db"));

        var reference = _ws.PathOf("reference");
        CopyDirectory(snapshot, reference);
        var clock = Stopwatch.StartNew();
        using (var uninterrupted = CliWorkspace.StartIn(reference, command))
        {
            await uninterrupted.WaitForExitAsync();
            Assert.Equal(0, uninterrupted.ExitCode);
        }

        var length = clock.Elapsed;
        var afterHash = StoreContentHash.Compute(Path.Combine(reference, "concordat.db"));
        Assert.NotEqual(beforeHash, afterHash);

        int landedBefore = 0, landedAfter = 0;
        for (var kill = 0; kill < kills; kill++)
        {
            var trial = _ws.PathOf($"trial-{kill}");
            CopyDirectory(snapshot, trial);
            var delay = TimeSpan.FromMilliseconds(length.TotalMilliseconds * (0.1 + (1.1 * random.NextDouble())));
            using (var process = CliWorkspace.StartIn(trial, command))
            {
                await Task.Delay(delay);
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                await process.WaitForExitAsync();
            }

            SqliteConnection.ClearAllPools();
            var where = $"{scenario}, seed {seed}, kill {kill} after {delay.TotalMilliseconds:F0} ms";
            var database = Path.Combine(trial, "concordat.db");
            Assert.True(StoreContentHash.IntegrityCheck(database) == "ok", where + ": integrity check failed");
            Assert.True(StoreContentHash.UnfinishedRuns(database) == 0, where + ": a run is shown unfinished");
            var hash = StoreContentHash.Compute(database);
            Assert.True(hash == beforeHash || hash == afterHash, where + ": the store holds part of the command's work");
            _ = hash == beforeHash ? landedBefore++ : landedAfter++;
            Assert.True(await _ws.RunInAsync(trial, read) == 0, where + ": the store does not open");
            await VerifyAuditAsync(trial, where);

            // Re-run to the end: the same content as the run that was never interrupted.
            Assert.True(await _ws.RunInAsync(trial, command) == 0, where + ": the re-run failed");
            SqliteConnection.ClearAllPools();
            Assert.True(StoreContentHash.Compute(database) == afterHash, where + ": the re-run's content differs from an uninterrupted run");
            TryDelete(trial);
        }

        _output.WriteLine($"{scenario}: {kills} kills survived ({landedBefore} before the commit, {landedAfter} after); uninterrupted run {length.TotalMilliseconds:F0} ms");
        if (CrashSettings.Long)
        {
            Assert.True(landedBefore > 0 && landedAfter > 0, $"{scenario}: the kills did not land both before and after the commit ({landedBefore}/{landedAfter})");
        }
    }

    private async Task VerifyAuditAsync(string data, string where)
    {
        var export = Path.Combine(data, "..", Path.GetFileName(data) + ".audit.ndjson");
        var key = Path.Combine(data, "..", Path.GetFileName(data) + ".audit-key.json");
        Assert.True(await _ws.RunInAsync(data, "audit", "export", "--out", export) == 0, where + ": audit export failed");
        Assert.True(await _ws.RunInAsync(data, "audit", "public-key", "--out", key) == 0, where + ": audit public-key failed");
        Assert.True(await _ws.RunInAsync(data, "audit", "verify", "--file", export, "--public-key", key) == 0, where + ": audit verify failed");
    }

    private string WriteCsv(string name, string prefix, int changeEvery, int dropEvery, int badEvery)
    {
        var csv = new StringBuilder("REF,NAME,AMOUNT\n");
        for (var i = 0; i < IngestRows; i++)
        {
            if (dropEvery > 0 && i % dropEvery == 7)
            {
                continue;
            }

            var family = changeEvery > 0 && i % changeEvery == 0 ? prefix : "SAME";
            var amount = badEvery > 0 && i % badEvery == 5 ? "not-a-number" : (i % 1000).ToString(CultureInfo.InvariantCulture) + ".25";
            csv.Append('R').Append(i).Append(',').Append(family).Append(i).Append(',').Append(amount).Append('\n');
        }

        return _ws.Write(name, csv.ToString());
    }

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Concordat.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Concordat.slnx not found above " + AppContext.BaseDirectory);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // The workspace goes with the test.
        }
    }

    public void Dispose() => _ws.Dispose();
}
