using System.Diagnostics;
using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Storage.Sqlite;

namespace Concordat.Benchmarks;

/// <summary>
/// <c>ingest-split FILE</c>: ingests a person CSV twice in one process, once into a store that discards
/// everything (read + map + validate only) and once into a fresh SQLite file, and prints both rates and their
/// ratio, so the storage share of the cost is visible from one run on a noisy machine.
/// </summary>
internal static class IngestSplit
{
    public static async Task<int> RunAsync(string csvPath, string schemaPath, string mappingPath)
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
            var discard = await TimeAsync(new IngestService(catalogue, new DiscardingIngestStore(), TimeProvider.System), csvPath, mapping);
            var sqlite = await TimeAsync(new IngestService(catalogue, new SqliteIngestStore(database), TimeProvider.System), csvPath, mapping);
            var rerun = await TimeAsync(new IngestService(catalogue, new SqliteIngestStore(database), TimeProvider.System), csvPath, mapping);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read+map+validate only : {discard:N0} rows/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"into SQLite (first load): {sqlite:N0} rows/s ({sqlite / discard:P0} of read-only)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"into SQLite (re-run)    : {rerun:N0} rows/s ({rerun / discard:P0} of read-only)"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<double> TimeAsync(IngestService service, string csvPath, IngestMapping mapping)
    {
        var clock = Stopwatch.StartNew();
        var run = (await service.IngestAsync(new IngestRequest("bench-people", "bench", mapping, "bench") { Content = File.OpenRead(csvPath) }, default)).Value;
        clock.Stop();
        if (run.Status != IngestRunStatus.Succeeded)
        {
            throw new InvalidOperationException(run.Error);
        }

        return run.Counts.RowsRead / clock.Elapsed.TotalSeconds;
    }
}
