using System.Diagnostics;
using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Storage;
using Concordat.Storage.Sqlite;

namespace Concordat.Benchmarks;

/// <summary>
/// <c>ingest-split FILE</c>: ingests a person CSV twice in one process, once into a store that discards
/// everything (read + map + validate only) and once into a fresh SQLite file, and prints both rates and their
/// ratio, so the storage share of the cost is visible from one run on a noisy machine. Each phase also reports the
/// process CPU time and managed allocation per row, which another process competing for the cores affects far
/// less than wall-clock time.
/// </summary>
internal static class IngestSplit
{
    public static async Task<int> RunAsync(string csvPath, string schemaPath, string mappingPath, bool sqliteOnly = false)
    {
        var schema = TableSchemaJson.Parse(await File.ReadAllTextAsync(schemaPath)).Value;
        var mapping = MappingJson.Parse(await File.ReadAllTextAsync(mappingPath)).Value;
        var directory = Path.Combine(Path.GetTempPath(), "concordat-bench-" + Guid.NewGuid().ToString("N"));
        var database = new SqliteDatabase(Path.Combine(directory, "concordat.db"));
        database.Migrate();
        var catalogue = new SqliteCatalogueStore(database);
        await catalogue.CreateOrganisationAsync(new Organisation("bench", "Bench", DateTimeOffset.UtcNow), default);
        await catalogue.CreateDatasetAsync(new Dataset("bench-people", "bench", "People", schema), default);
        try
        {
            if (sqliteOnly)
            {
                // As the CLI runs it: a cold process, first load then re-run, no read-only pass to warm the JIT; into the
                // store --store or CONCORDAT_STORE names, through the same registration as the CLI.
                await using var stores = BenchStores.Open();
                var storeCatalogue = stores.Get<ICatalogueStore>();
                await storeCatalogue.CreateOrganisationAsync(new Organisation("bench", "Bench", DateTimeOffset.UtcNow), default);
                await storeCatalogue.CreateDatasetAsync(new Dataset("bench-people", "bench", "People", schema), default);
                var ingest = stores.Get<IIngestStore>();
                var server = stores.Location is PostgresStoreLocation postgres ? postgres.ConnectionString : null;
                var first = await TimeAsync(new IngestService(storeCatalogue, ingest, TimeProvider.System), csvPath, mapping, server);
                var again = await TimeAsync(new IngestService(storeCatalogue, ingest, TimeProvider.System), csvPath, mapping, server);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"into {stores.Kind} (first load): {first.RowsPerSecond:N0} rows/s, {first.Cost}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"into {stores.Kind} (re-run)    : {again.RowsPerSecond:N0} rows/s, {again.Cost}"));
                return 0;
            }

            var discard = await TimeAsync(new IngestService(catalogue, new DiscardingIngestStore(), TimeProvider.System), csvPath, mapping);
            var sqlite = await TimeAsync(new IngestService(catalogue, new SqliteIngestStore(database), TimeProvider.System), csvPath, mapping);
            var rerun = await TimeAsync(new IngestService(catalogue, new SqliteIngestStore(database), TimeProvider.System), csvPath, mapping);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read+map+validate only : {discard.RowsPerSecond:N0} rows/s, {discard.Cost}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"into SQLite (first load): {sqlite.RowsPerSecond:N0} rows/s ({sqlite.RowsPerSecond / discard.RowsPerSecond:P0} of read-only), {sqlite.Cost}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"into SQLite (re-run)    : {rerun.RowsPerSecond:N0} rows/s ({rerun.RowsPerSecond / discard.RowsPerSecond:P0} of read-only), {rerun.Cost}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(double RowsPerSecond, string Cost)> TimeAsync(IngestService service, string csvPath, IngestMapping mapping, string? postgres = null)
    {
        var serverCpu = postgres is null ? null : await PostgresServerCpu.StartAsync(postgres);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var collectionsBefore = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        var run = (await service.IngestAsync(new IngestRequest("bench-people", "bench", mapping, "bench") { Content = File.OpenRead(csvPath) }, default)).Value;
        clock.Stop();
        if (run.Status != IngestRunStatus.Succeeded)
        {
            throw new InvalidOperationException(run.Error);
        }

        process.Refresh();
        var rows = (double)run.Counts.RowsRead;
        var serverTime = serverCpu is null ? (TimeSpan?)null : await serverCpu.ElapsedAsync();
        var server = serverTime is { } t ? string.Create(CultureInfo.InvariantCulture, $", PostgreSQL backends CPU {t.TotalMicroseconds / rows:F2} us/row") : string.Empty;
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / rows;
        var allocated = (GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / rows;
        var cost = string.Create(
            CultureInfo.InvariantCulture,
            $"CPU {cpu:F2} us/row, {allocated:N0} B/row allocated, {GC.CollectionCount(0) - collectionsBefore} gen0 GCs{server}");
        return (rows / clock.Elapsed.TotalSeconds, cost);
    }
}
