using System.Diagnostics;
using System.Text;
using Concordat.Core;
using Concordat.Core.Ingestion;
using Concordat.Storage.Sqlite;
using Concordat.Storage.Tests.Sqlite;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Tests.Ingestion;

/// <summary>
/// The hub's own store failing under an ingest (issue 15.12): a locked, read-only or full database ends the run with
/// a one-line <see cref="StoreUnavailableException"/>, records a Failed run whenever the store can still take one, and
/// never leaves part of the run behind.
/// </summary>
public sealed class StoreFailureTests : IDisposable
{
    private const string Dataset = "hmrc-taxpayers";
    private readonly TempDatabase _db = new();

    private static IngestMapping Mapping => new()
    {
        Source = new SourceOptions { Format = SourceFormat.Csv },
        Mode = RefreshMode.Incremental,
        Fields = [new FieldMapping("recordId") { From = "REF" }, new FieldMapping("familyName") { From = "NAME" }],
    };

    private static IngestRequest Request(string csv) =>
        new(Dataset, "test", Mapping, "test") { Content = new MemoryStream(Encoding.UTF8.GetBytes(csv)) };

    private static string Rows(int count, string name)
    {
        var csv = new StringBuilder("REF,NAME\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(i).Append(',').Append(name).Append(i).Append('\n');
        }

        return csv.ToString();
    }

    [Fact]
    public async Task Store_failing_mid_run_records_a_failed_run_and_keeps_the_previous_state()
    {
        await _db.SeedDatasetAsync();
        var store = new FailingStore(_db.Ingest) { FailAfterApplies = 5_000 };
        var service = new IngestService(_db.Catalogue, store, TimeProvider.System);
        Assert.Equal(IngestRunStatus.Succeeded, (await service.IngestAsync(Request(Rows(10, "OLD")), default)).Value.Status);

        var run = (await service.IngestAsync(Request(Rows(20_000, "NEW")), default)).Value;

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Equal("The run could not be written: The disk holding the hub's database is full; free some space and run the command again.", run.Error);
        Assert.Equal((0L, 0L), (run.Counts.RowsLoaded, run.Counts.VersionsCreated));
        Assert.Equal(10, await _db.Records.CountRecordsAsync(Dataset, default));
        Assert.Contains("OLD0", (await _db.Records.GetRecordAsync(Dataset, "0", default))!.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_that_cannot_record_the_failure_either_throws_the_original_failure()
    {
        await _db.SeedDatasetAsync();
        var store = new FailingStore(_db.Ingest) { FailAfterApplies = 3, FailRecording = true };
        var service = new IngestService(_db.Catalogue, store, TimeProvider.System);

        var thrown = await Assert.ThrowsAsync<StoreUnavailableException>(() => service.IngestAsync(Request(Rows(10, "NEW")), default));

        Assert.Equal(StoreFailure.Full, thrown.Failure);
        Assert.Empty(await _db.Ingest.ListRunsAsync(Dataset, 10, default));
    }

    [Fact]
    public async Task Locked_database_fails_as_busy_after_the_wait_and_records_nothing()
    {
        await _db.SeedDatasetAsync();
        using var database = new SqliteDatabase(_db.Database.Path, TimeSpan.FromSeconds(1));
        var service = new IngestService(new SqliteCatalogueStore(database), new SqliteIngestStore(database), TimeProvider.System);
        using var holder = new SqliteConnection($"Data Source={_db.Database.Path};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var clock = Stopwatch.StartNew();
        var thrown = await Assert.ThrowsAsync<StoreUnavailableException>(() => service.IngestAsync(Request(Rows(10, "NEW")), default));

        Assert.Equal(StoreFailure.Busy, thrown.Failure);
        Assert.DoesNotContain('\n', thrown.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
        using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        Assert.Empty(await _db.Ingest.ListRunsAsync(Dataset, 10, default));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Read_only_database_file_fails_as_read_only()
    {
        await _db.SeedDatasetAsync();
        Assert.Equal(IngestRunStatus.Succeeded, (await new IngestService(_db.Catalogue, _db.Ingest, TimeProvider.System).IngestAsync(Request(Rows(3, "OLD")), default)).Value.Status);
        _db.Database.Dispose();
        SqliteConnection.ClearAllPools();
        using var readOnly = ReadOnlyFile.Make(_db.Database.Path);
        using var database = new SqliteDatabase(_db.Database.Path);
        var service = new IngestService(new SqliteCatalogueStore(database), new SqliteIngestStore(database), TimeProvider.System);

        var thrown = await Assert.ThrowsAsync<StoreUnavailableException>(() => service.IngestAsync(Request(Rows(10, "NEW")), default));

        Assert.Equal(StoreFailure.ReadOnly, thrown.Failure);
        Assert.StartsWith("The hub's database cannot be written (attempt to write a readonly database)", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(3, await new SqliteRecordStore(database).CountRecordsAsync(Dataset, default));
    }

    [RootFact]
    public async Task Full_disk_fails_the_run_records_it_and_keeps_the_previous_load()
    {
        // A real full disk: the hub on a 3 MiB tmpfs, then a load that cannot fit.
        using var disk = SmallDisk.Mount(Path.Combine(_db.Directory, "small"), "3m");
        using var database = new SqliteDatabase(Path.Combine(disk.Path, "concordat.db"));
        database.Migrate();
        var catalogue = new SqliteCatalogueStore(database);
        var store = new SqliteIngestStore(database);
        var now = DateTimeOffset.UtcNow;
        await catalogue.CreateOrganisationAsync(new Core.Catalogue.Organisation("hmrc", "HMRC", now), default);
        await catalogue.CreateDatasetAsync(new Core.Catalogue.Dataset(Dataset, "hmrc", "Taxpayers", TempDatabase.PersonSchema()) { CreatedAt = now, UpdatedAt = now }, default);
        var service = new IngestService(catalogue, store, TimeProvider.System);
        Assert.Equal(IngestRunStatus.Succeeded, (await service.IngestAsync(Request(Rows(10, "OLD")), default)).Value.Status);

        var run = (await service.IngestAsync(Request(Rows(100_000, "A-REASONABLY-LONG-FAMILY-NAME-")), default)).Value;

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Equal("The run could not be written: The disk holding the hub's database is full; free some space and run the command again.", run.Error);
        Assert.Equal(10, await new SqliteRecordStore(database).CountRecordsAsync(Dataset, default));
        Assert.Empty(database.CheckIntegrity());
        database.Dispose();
        SqliteConnection.ClearAllPools();
    }

    public void Dispose() => _db.Dispose();

    /// <summary>Wraps the real store; its sessions fail as a full disk would after a number of rows.</summary>
    private sealed class FailingStore(IIngestStore inner) : IIngestStore
    {
        public int FailAfterApplies { get; init; } = int.MaxValue;

        public bool FailRecording { get; init; }

        public IIngestSession Begin(IngestRunStart start) => new Session(inner.Begin(start), FailAfterApplies);

        public Task<IngestRun> RecordFailedRunAsync(IngestRunStart start, IngestCounts counts, string error, DateTimeOffset finishedAt, CancellationToken cancellationToken) =>
            FailRecording ? throw Full() : inner.RecordFailedRunAsync(start, counts, error, finishedAt, cancellationToken);

        public Task<IngestRun?> GetRunAsync(long runId, CancellationToken cancellationToken) => inner.GetRunAsync(runId, cancellationToken);

        public Task<IReadOnlyList<IngestRun>> ListRunsAsync(string datasetId, int limit, CancellationToken cancellationToken) => inner.ListRunsAsync(datasetId, limit, cancellationToken);

        public Task<IReadOnlyList<QuarantinedRow>> GetQuarantineAsync(long runId, long afterRowNumber, int limit, CancellationToken cancellationToken) => inner.GetQuarantineAsync(runId, afterRowNumber, limit, cancellationToken);

        private static StoreUnavailableException Full() =>
            new(StoreFailure.Full, "The disk holding the hub's database is full; free some space and run the command again.", null);

        private sealed class Session(IIngestSession inner, int failAfter) : IIngestSession
        {
            private int _applies;

            public long RunId => inner.RunId;

            // Fails as a full disk would once the batches have carried more than failAfter records.
            public IngestBatchResult Apply(IngestWriteBatch batch)
            {
                _applies += batch.Records.Count;
                return _applies > failAfter ? throw Full() : inner.Apply(batch);
            }

            public IngestRun Commit(IngestCounts counts, bool fullRefresh, string? sourceSha256, DateTimeOffset finishedAt) => inner.Commit(counts, fullRefresh, sourceSha256, finishedAt);

            public void Dispose() => inner.Dispose();
        }
    }
}
