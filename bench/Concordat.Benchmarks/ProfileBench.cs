using System.Diagnostics;
using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Core.Quality;
using Concordat.Storage.Sqlite;

namespace Concordat.Benchmarks;

/// <summary>
/// <c>profile FILE SCHEMA MAPPING [RULES]</c>: loads a person CSV into a fresh SQLite hub (untimed, without the
/// after-ingest profile), then times (1) a whole on-demand profile as the CLI and API take it: SQLite scan of the
/// current records, every metric, the rules, and storing the profile; and (2) the profiler alone over the same
/// payloads held in memory. Prints rows/s, the bytes allocated and the managed heap after each.
/// </summary>
internal static class ProfileBench
{
    public static async Task<int> RunAsync(string csvPath, string schemaPath, string mappingPath, string? rulesPath)
    {
        var schema = TableSchemaJson.Parse(await File.ReadAllTextAsync(schemaPath)).Value;
        var mapping = MappingJson.Parse(await File.ReadAllTextAsync(mappingPath)).Value;
        var directory = Path.Combine(Path.GetTempPath(), "concordat-bench-" + Guid.NewGuid().ToString("N"));
        var database = new SqliteDatabase(Path.Combine(directory, "concordat.db"));
        database.Migrate();
        var catalogue = new SqliteCatalogueStore(database);
        var ingest = new SqliteIngestStore(database);
        var store = new SqliteQualityStore(database);
        await catalogue.CreateOrganisationAsync(new Organisation("bench", "Bench", DateTimeOffset.UtcNow), default);
        var dataset = (await catalogue.CreateDatasetAsync(new Dataset("bench-people", "bench", "People", schema), default)).Value;
        try
        {
            var run = (await new IngestService(catalogue, ingest, TimeProvider.System).IngestAsync(
                new IngestRequest("bench-people", "bench", mapping, "bench") { Content = File.OpenRead(csvPath) }, default)).Value;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {run.Counts.RowsLoaded:N0} records ({run.Counts.RowsQuarantined:N0} quarantined), {schema.Fields.Count} fields"));
            var quality = new QualityService(catalogue, ingest, store, TimeProvider.System);
            if (rulesPath is not null)
            {
                var rules = await quality.PutRulesAsync("bench-people", await File.ReadAllTextAsync(rulesPath), default);
                if (!rules.IsSuccess)
                {
                    Console.Error.WriteLine(string.Join(Environment.NewLine, rules.Errors.Select(e => e.Message)));
                    return 2;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rules: {rules.Value.Rules.Count}"));
            }

            // Warm-up on a small dataset is not possible without a second copy, so the first timed pass includes JIT;
            // the figure is conservative.
            var profile = await Measure("whole profile (SQLite scan + metrics + rules + store)", () => quality.ProfileAsync("bench-people", ProfileTrigger.OnDemand, null, default), p => p.Value.Rows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"score {profile.Value.Score}, rules failed {profile.Value.Rules.Count(r => r.Status != RuleStatus.Passed)}"));

            // The two threads' shares: CPU of the reading thread (SQLite scan, JSON parse and its share of the
            // fields and rules) from /proc/thread-self, the rest of the process's CPU being mostly the worker. On two
            // idle cores the wall time is about the larger of the two.
            var readerCpu = TimeSpan.Zero;
            var processCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var storedRules = (await quality.GetRulesAsync("bench-people", default)).Value;
            var reading = new Thread(() =>
            {
                var before = ThreadCpu();
                var profiler = new DatasetProfiler(dataset, DateTimeOffset.UtcNow, rules: storedRules);
                store.ScanCurrentRecords("bench-people", profiler.Add, default);
                profiler.Complete(ProfileTrigger.OnDemand, null, null);
                readerCpu = ThreadCpu() - before;
            });
            reading.Start();
            reading.Join();
            var totalCpu = Process.GetCurrentProcess().TotalProcessorTime - processCpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"critical path: reading thread CPU {readerCpu.TotalSeconds:0.00} s, rest of the process (worker, GC) {(totalCpu - readerCpu).TotalSeconds:0.00} s, total {totalCpu.TotalSeconds:0.00} s"));

            var payloads = new List<(byte[] Payload, string Key, DateTimeOffset At)>((int)run.Counts.RowsLoaded);
            store.ScanCurrentRecords("bench-people", (payload, key, at) => payloads.Add((payload.ToArray(), key, at)), default);
            var stored = (await quality.GetRulesAsync("bench-people", default)).Value;
            await Measure("profiler only (payloads in memory)", () =>
            {
                var profiler = new DatasetProfiler(dataset, DateTimeOffset.UtcNow, rules: stored);
                foreach (var (payload, key, at) in payloads)
                {
                    profiler.Add(payload, key, at);
                }

                return Task.FromResult(profiler.Complete(ProfileTrigger.OnDemand, null, null));
            }, p => p.Rows);

            if (Environment.GetEnvironmentVariable("PROFILE_PARTS") == "1")
            {
                await Measure("SQLite scan only (no-op visitor)", () => Task.FromResult(store.ScanCurrentRecords("bench-people", (_, _, _) => { }, default)), n => n);
                await Measure("parse only (schema with no fields)", () => Task.FromResult(RunProfiler(new Dataset("bench-people", "bench", "People", new DatasetSchema([], [])), payloads, null)), p => p.Rows);
                // Cost of each field and each rule alone over the same payloads (CPU seconds; includes parsing that field).
                foreach (var field in schema.Fields)
                {
                    var single = new Dataset("bench-people", "bench", "People", new DatasetSchema([field], []));
                    await Measure("field " + field.Name, () => Task.FromResult(RunProfiler(single, payloads, null)), p => p.Rows);
                }

                foreach (var rule in Environment.GetEnvironmentVariable("PROFILE_RULES") == "1" ? stored.Rules : [])
                {
                    await Measure("rule " + rule.Describe(), () => Task.FromResult(RunProfiler(new Dataset("bench-people", "bench", "People", new DatasetSchema([], [])), payloads, null, dataset, rule)), p => p.Rows);
                }
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static TimeSpan ThreadCpu()
    {
        // Fields 14 and 15 of /proc/thread-self/stat: user and system time in clock ticks (100 a second on Linux).
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static QualityProfile RunProfiler(Dataset dataset, List<(byte[] Payload, string Key, DateTimeOffset At)> payloads, QualityRuleSet? rules, Dataset? ruleDataset = null, QualityRule? rule = null)
    {
        // A rule alone: profile the full schema's rows with no field accumulators by giving the rule the real schema.
        var profiler = rule is null
            ? new DatasetProfiler(dataset, DateTimeOffset.UtcNow, rules: rules)
            : new DatasetProfiler(ruleDataset!, DateTimeOffset.UtcNow, new ProfileOptions { ExactDistinctLimit = 0, SketchCapacity = 1 }, new QualityRuleSet("bench-people", [rule], "{}"));
        foreach (var (payload, key, at) in payloads)
        {
            profiler.Add(payload, key, at);
        }

        return profiler.Complete(ProfileTrigger.OnDemand, null, null);
    }

    private static async Task<T> Measure<T>(string label, Func<Task<T>> action, Func<T, long> rows)
    {
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await action();
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gcInfo = GC.GetGCMemoryInfo();
        var count = rows(result);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label}: {count:N0} records in {clock.Elapsed.TotalSeconds:0.00} s (CPU {cpu.TotalSeconds:0.00} s) = {count / clock.Elapsed.TotalSeconds:N0} records/s; allocated {allocated / 1048576.0:N0} MiB; heap before {heapBefore / 1048576.0:N0} MiB, peak committed {gcInfo.TotalCommittedBytes / 1048576.0:N0} MiB; process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB"));
        return result;
    }
}
