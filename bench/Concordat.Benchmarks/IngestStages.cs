using System.Diagnostics;
using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Concordat.Storage.Sqlite;

namespace Concordat.Benchmarks;

/// <summary>
/// <c>ingest-stages FILE SCHEMA MAPPING</c>: runs the three stages of the ingest pipeline one after another on one
/// thread (read into batches; map and validate; apply to SQLite and commit, then a re-run's apply and commit) and
/// prints each stage's CPU time per row. The pipeline overlaps the stages on several threads, so these show how
/// the work divides between them, and what the whole costs in CPU, on a machine too noisy for wall-clock rates.
/// Each stage runs twice and the second is reported, so the JIT has settled.
/// </summary>
internal static class IngestStages
{
    private const int BatchSize = 2048;

    public static async Task<int> RunAsync(string csvPath, string schemaPath, string mappingPath)
    {
        var schema = TableSchemaJson.Parse(await File.ReadAllTextAsync(schemaPath)).Value;
        var mapping = MappingJson.Parse(await File.ReadAllTextAsync(mappingPath)).Value;
        var compiled = CompiledMapping.Compile(schema, mapping).Value;
        var bytes = await File.ReadAllBytesAsync(csvPath);
        var directory = Path.Combine(Path.GetTempPath(), "concordat-stages-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Only the second pass prints, so the row count from the first is known by then.
            var rows = 0;
            for (var pass = 0; pass < 2; pass++)
            {
                var batches = Measure(pass, rows, "read + decode into batches", () => Read(compiled, mapping, bytes));
                rows = batches.Sum(b => b.Raw.Count);

                using var builder = new RecordBuilder(compiled, Enumerable.Range(0, compiled.SourceColumns.Count).ToArray());
                Measure(pass, rows, "map + validate + payload", () =>
                {
                    batches.ForEach(b => b.Prepare(builder));
                    return 0;
                });
                var database = new SqliteDatabase(Path.Combine(directory, $"pass{pass}", "concordat.db"));
                database.Migrate();
                var catalogue = new SqliteCatalogueStore(database);
                await catalogue.CreateOrganisationAsync(new Organisation("bench", "Bench", DateTimeOffset.UtcNow), default);
                await catalogue.CreateDatasetAsync(new Dataset("bench-people", "bench", "People", schema), default);
                var store = new SqliteIngestStore(database);
                foreach (var run in new[] { "first load", "re-run" })
                {
                    using var session = store.Begin(new IngestRunStart("bench-people", "bench", SourceFormat.Csv, RefreshMode.Full, "bench", DateTimeOffset.UtcNow));
                    var counts = Measure(pass, rows, $"apply ({run})", () => Apply(batches, session));
                    Measure(pass, rows, $"commit + checkpoint ({run})", () => session.Commit(counts, fullRefresh: true, null, DateTimeOffset.UtcNow));
                }

                database.Dispose();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static T Measure<T>(int pass, int rows, string stage, Func<T> body)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = body();
        process.Refresh();
        if (pass == 1)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{stage,-32} CPU {(process.TotalProcessorTime - cpu).TotalMicroseconds / rows,6:F2} us/row, wall {clock.Elapsed.TotalMicroseconds / rows,6:F2} us/row"));
        }

        return result;
    }

    private static List<IngestBatch> Read(CompiledMapping compiled, IngestMapping mapping, byte[] bytes)
    {
        var batches = new List<IngestBatch>();
        using var source = RecordSourceFactory.Open(mapping.Source, new MemoryStream(bytes), compiled.SourceColumns);
        var ordinals = compiled.Bind(source).Value;
        var batch = new IngestBatch(compiled.SourceColumns, BatchSize);
        while (source.Read())
        {
            batch.Raw.Capture(source, ordinals);
            if (batch.Raw.IsFull)
            {
                batches.Add(batch);
                batch = new IngestBatch(compiled.SourceColumns, BatchSize);
            }
        }

        batches.Add(batch);
        return batches;
    }

    private static IngestCounts Apply(List<IngestBatch> batches, IIngestSession session)
    {
        long read = 0, versions = 0, unchanged = 0, quarantined = 0;
        var write = new IngestWriteBatch(BatchSize);
        foreach (var batch in batches)
        {
            write.Clear();
            for (var i = 0; i < batch.Raw.Count; i++)
            {
                var row = batch.Rows[i];
                read++;
                if (row.Content is null)
                {
                    quarantined++;
                    write.AddQuarantined(row.RowNumber, row.SourceValues!, row.Reasons!);
                    continue;
                }

                write.AddRecord(row.Key!, row.Content, row.RowNumber);
            }

            var result = session.Apply(write);
            versions += result.Created + result.Updated;
            unchanged += result.Unchanged;
        }

        return new IngestCounts { RowsRead = read, RowsLoaded = versions + unchanged, RowsQuarantined = quarantined, VersionsCreated = versions, Unchanged = unchanged };
    }
}
