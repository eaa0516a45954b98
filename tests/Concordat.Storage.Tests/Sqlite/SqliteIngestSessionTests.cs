using System.Text;
using Concordat.Core.Ingestion;
using Concordat.Storage.Tests.Contracts;

namespace Concordat.Storage.Tests.Sqlite;

public sealed class SqliteIngestSessionTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private static IngestRunStart Start(RefreshMode mode = RefreshMode.Full) =>
        new("hmrc-taxpayers", "test", SourceFormat.Csv, mode, "test", DateTimeOffset.UtcNow);

    private static RecordContent Json(string s) => RecordContent.FromUtf8(Encoding.UTF8.GetBytes(s));

    private IngestRun Load(RefreshMode mode, params (string Key, string Json)[] rows)
    {
        using var session = _db.Ingest.Begin(Start(mode));
        long versions = 0, unchanged = 0, row = 0;
        foreach (var (key, json) in rows)
        {
            var outcome = session.Apply(key, Json(json), ++row);
            if (outcome is RecordOutcome.Created or RecordOutcome.Updated)
            {
                versions++;
            }
            else if (outcome == RecordOutcome.Unchanged)
            {
                unchanged++;
            }
        }

        return session.Commit(new IngestCounts { RowsRead = rows.Length, RowsLoaded = rows.Length, VersionsCreated = versions, Unchanged = unchanged }, mode == RefreshMode.Full, null, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Committed_run_makes_records_visible_with_version_one()
    {
        await _db.SeedDatasetAsync();
        var run = Load(RefreshMode.Full, ("A1", """{"recordId":"A1"}"""), ("A2", """{"recordId":"A2"}"""));

        Assert.Equal(IngestRunStatus.Succeeded, run.Status);
        Assert.Equal(2, await _db.Records.CountRecordsAsync("hmrc-taxpayers", default));
        var record = await _db.Records.GetRecordAsync("hmrc-taxpayers", "A1", default);
        Assert.NotNull(record);
        Assert.Equal(1, record.Version);
        Assert.Equal("""{"recordId":"A1"}""", record.PayloadJson);
    }

    [Fact]
    public async Task Rerunning_identical_rows_writes_no_new_versions()
    {
        await _db.SeedDatasetAsync();
        Load(RefreshMode.Full, ("A1", """{"recordId":"A1"}"""));
        var second = Load(RefreshMode.Full, ("A1", """{"recordId":"A1"}"""));

        Assert.Equal(0, second.Counts.VersionsCreated);
        Assert.Equal(1, second.Counts.Unchanged);
        Assert.Equal(0, second.Counts.Tombstones);
        Assert.Single(await _db.Records.GetHistoryAsync("hmrc-taxpayers", "A1", default));
    }

    [Fact]
    public async Task Changed_row_adds_a_version_and_keeps_history()
    {
        await _db.SeedDatasetAsync();
        Load(RefreshMode.Full, ("A1", """{"recordId":"A1","familyName":"SMITH"}"""));
        Load(RefreshMode.Full, ("A1", """{"recordId":"A1","familyName":"JONES"}"""));

        var history = await _db.Records.GetHistoryAsync("hmrc-taxpayers", "A1", default);
        Assert.Equal([1, 2], history.Select(v => v.Version));
        Assert.Contains("SMITH", history[0].PayloadJson, StringComparison.Ordinal);
        Assert.Contains("JONES", history[1].PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Full_refresh_tombstones_missing_records_and_incremental_does_not()
    {
        await _db.SeedDatasetAsync();
        Load(RefreshMode.Full, ("A1", "{}"), ("A2", """{"x":1}"""));
        var incremental = Load(RefreshMode.Incremental, ("A1", "{}"));
        Assert.Equal(0, incremental.Counts.Tombstones);
        Assert.Equal(2, await _db.Records.CountRecordsAsync("hmrc-taxpayers", default));

        var full = Load(RefreshMode.Full, ("A1", "{}"));
        Assert.Equal(1, full.Counts.Tombstones);
        Assert.Equal(1, await _db.Records.CountRecordsAsync("hmrc-taxpayers", default));
        var gone = await _db.Records.GetRecordAsync("hmrc-taxpayers", "A2", default);
        Assert.NotNull(gone);
        Assert.True(gone.IsDeleted);
        Assert.Equal(2, gone.Version);
    }

    [Fact]
    public async Task Record_that_returns_after_a_tombstone_is_created_again()
    {
        await _db.SeedDatasetAsync();
        Load(RefreshMode.Full, ("A1", "{}"), ("A2", "{}"));
        Load(RefreshMode.Full, ("A1", "{}"));
        Load(RefreshMode.Full, ("A1", "{}"), ("A2", "{}"));

        var history = await _db.Records.GetHistoryAsync("hmrc-taxpayers", "A2", default);
        Assert.Equal([false, true, false], history.Select(v => v.IsDeleted));
    }

    [Fact]
    public async Task Retained_key_is_not_tombstoned_by_a_full_refresh()
    {
        await _db.SeedDatasetAsync();
        Load(RefreshMode.Full, ("A1", "{}"), ("A2", "{}"));
        using (var session = _db.Ingest.Begin(Start()))
        {
            session.Apply("A1", Json("{}"), 1);
            session.Retain("A2");
            session.Quarantine(2, [new("recordId", "A2")], ["nino: bad"]);
            session.Commit(new IngestCounts { RowsRead = 2, RowsLoaded = 1, RowsQuarantined = 1 }, fullRefresh: true, null, DateTimeOffset.UtcNow);
        }

        Assert.Equal(2, await _db.Records.CountRecordsAsync("hmrc-taxpayers", default));
    }

    [Fact]
    public async Task Duplicate_key_in_one_run_is_reported_and_first_row_kept()
    {
        await _db.SeedDatasetAsync();
        using var session = _db.Ingest.Begin(Start());
        Assert.Equal(RecordOutcome.Created, session.Apply("A1", Json("""{"n":1}"""), 1));
        Assert.Equal(RecordOutcome.DuplicateKey, session.Apply("A1", Json("""{"n":2}"""), 2));
        session.Commit(new IngestCounts { RowsRead = 2, RowsLoaded = 1 }, true, null, DateTimeOffset.UtcNow);

        var record = await _db.Records.GetRecordAsync("hmrc-taxpayers", "A1", default);
        Assert.Equal("""{"n":1}""", record!.PayloadJson);
    }

    [Fact]
    public async Task Disposing_without_commit_leaves_the_previous_state_intact()
    {
        await _db.SeedDatasetAsync();
        Load(RefreshMode.Full, ("A1", """{"v":1}"""));
        long runId;
        using (var session = _db.Ingest.Begin(Start()))
        {
            runId = session.RunId;
            session.Apply("A1", Json("""{"v":2}"""), 1);
            session.Apply("B1", Json("{}"), 2);
            session.Quarantine(3, [new("x", "y")], ["bad"]);
        }

        Assert.Equal(1, await _db.Records.CountRecordsAsync("hmrc-taxpayers", default));
        Assert.Equal("""{"v":1}""", (await _db.Records.GetRecordAsync("hmrc-taxpayers", "A1", default))!.PayloadJson);
        Assert.Null(await _db.Ingest.GetRunAsync(runId, default));
        Assert.Empty(await _db.Ingest.GetQuarantineAsync(runId, 0, 10, default));
    }

    [Fact]
    public async Task Quarantined_rows_keep_values_and_every_reason_in_row_order()
    {
        await _db.SeedDatasetAsync();
        long runId;
        using (var session = _db.Ingest.Begin(Start()))
        {
            runId = session.RunId;
            session.Quarantine(7, [new("NINO", "QQ123456A"), new("DOB", null)], ["nino: bad prefix", "dateOfBirth: required"]);
            session.Quarantine(3, [new("NINO", "x"), new("DOB", "1/1/1")], ["nino: too short"]);
            session.Apply("A1", Json("{}"), 1);
            session.Commit(new IngestCounts { RowsRead = 3, RowsLoaded = 1, RowsQuarantined = 2 }, true, null, DateTimeOffset.UtcNow);
        }

        var rows = await _db.Ingest.GetQuarantineAsync(runId, 0, 10, default);
        Assert.Equal([3L, 7L], rows.Select(r => r.RowNumber));
        Assert.Equal(["nino: bad prefix", "dateOfBirth: required"], rows[1].Reasons);
        Assert.Equal("QQ123456A", rows[1].Values["NINO"]);
        Assert.Null(rows[1].Values["DOB"]);
        Assert.Equal(2, (await _db.Ingest.GetRunAsync(runId, default))!.Counts.RowsQuarantined);
    }

    [Fact]
    public async Task Failed_run_is_recorded_without_touching_records()
    {
        await _db.SeedDatasetAsync();
        var run = await _db.Ingest.RecordFailedRunAsync(Start(), new IngestCounts { RowsRead = 5 }, "not valid UTF-8", DateTimeOffset.UtcNow, default);
        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Equal("not valid UTF-8", run.Error);
        Assert.Equal(0, await _db.Records.CountRecordsAsync("hmrc-taxpayers", default));
        Assert.Equal(run.Id, (await _db.Ingest.ListRunsAsync("hmrc-taxpayers", 10, default)).Single().Id);
    }

    [Fact]
    public async Task Records_page_by_key_and_skip_tombstones()
    {
        await _db.SeedDatasetAsync();
        Load(RefreshMode.Full, ("A", "{}"), ("B", "{}"), ("C", "{}"), ("D", "{}"));
        Load(RefreshMode.Full, ("A", "{}"), ("C", "{}"), ("D", "{}"));

        var first = await _db.Records.ListRecordsAsync("hmrc-taxpayers", null, 2, default);
        Assert.Equal(["A", "C"], first.Select(r => r.Key));
        var next = await _db.Records.ListRecordsAsync("hmrc-taxpayers", first[^1].Key, 2, default);
        Assert.Equal(["D"], next.Select(r => r.Key));
    }

    [Fact]
    public async Task First_load_of_an_empty_dataset_keeps_a_good_row_after_a_bad_one_with_the_same_key()
    {
        await _db.SeedDatasetAsync();
        using (var session = _db.Ingest.Begin(Start()))
        {
            session.Quarantine(2, [new("recordId", "A1")], ["nino: bad"]);
            session.Retain("A1");
            Assert.Equal(RecordOutcome.Created, session.Apply("A1", Json("{}"), 3));
            Assert.Equal(RecordOutcome.DuplicateKey, session.Apply("A1", Json("""{"n":2}"""), 5));
            session.Commit(new IngestCounts { RowsRead = 3, RowsLoaded = 1, RowsQuarantined = 1 }, fullRefresh: true, null, DateTimeOffset.UtcNow);
        }

        var record = await _db.Records.GetRecordAsync("hmrc-taxpayers", "A1", default);
        Assert.Equal("{}", record!.PayloadJson);
        Assert.False(record.IsDeleted);
    }

    [Theory]
    [InlineData(RefreshMode.Incremental)]
    [InlineData(RefreshMode.Full)]
    public async Task Retained_key_is_not_applied_so_a_later_valid_row_for_it_loads_into_an_existing_dataset(RefreshMode mode)
    {
        // Regression (issue 15.10): a quarantined row's key was marked as seen, so the valid row after it was taken
        // for a duplicate of a row that had loaded nothing.
        await _db.SeedDatasetAsync();
        Load(RefreshMode.Full, ("A1", """{"v":1}"""), ("B1", "{}"));
        using (var session = _db.Ingest.Begin(Start(mode)))
        {
            session.Retain("A1");
            Assert.Equal(RecordOutcome.Updated, session.Apply("A1", Json("""{"v":2}"""), 3));
            session.Retain("A1");
            Assert.Equal(3, session.ApplyDuplicate("A1", Json("""{"v":3}"""), 4));
            Assert.Equal(RecordOutcome.Unchanged, session.Apply("B1", Json("{}"), 5));
            Assert.Equal(5, session.ApplyDuplicate("B1", Json("""{"changed":true}"""), 6));
            session.Commit(new IngestCounts { RowsRead = 4, RowsLoaded = 2, RowsQuarantined = 2 }, mode == RefreshMode.Full, null, DateTimeOffset.UtcNow);
        }

        Assert.Equal("""{"v":2}""", (await _db.Records.GetRecordAsync("hmrc-taxpayers", "A1", default))!.PayloadJson);
        Assert.Equal("{}", (await _db.Records.GetRecordAsync("hmrc-taxpayers", "B1", default))!.PayloadJson);
    }

    [Fact]
    public async Task First_load_names_the_row_that_applied_a_key()
    {
        await _db.SeedDatasetAsync();
        using var session = _db.Ingest.Begin(Start());
        session.Retain("A1");
        Assert.Equal(RecordOutcome.Created, session.Apply("A1", Json("{}"), 9));
        Assert.Equal(9, session.ApplyDuplicate("A1", Json("{}"), 12));
    }

    [Fact]
    public async Task Payloads_and_keys_bound_as_utf8_read_back_as_text_on_first_load_and_later_runs()
    {
        await _db.SeedDatasetAsync();
        const string first = """{"recordId":"É1","familyName":"Brontë","note":"日本"}""";
        const string second = """{"recordId":"É1","familyName":"O'Brien 😀"}""";
        Load(RefreshMode.Full, ("É1", first), (string.Empty, "{}"));
        Load(RefreshMode.Full, ("É1", second), (string.Empty, "{}"));

        var history = await _db.Records.GetHistoryAsync("hmrc-taxpayers", "É1", default);
        Assert.Equal([first, second], history.Select(v => v.PayloadJson));
        var empty = await _db.Records.GetRecordAsync("hmrc-taxpayers", string.Empty, default);
        Assert.Equal(1, empty!.Version);

        // Stored as TEXT (not BLOB or NULL), so SQLite's JSON functions and expression indexes read them.
        using var connection = _db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(record_key) || ',' || typeof(payload) || ',' || json_extract(payload, '$.familyName') FROM record_versions WHERE record_key = 'É1' ORDER BY version";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        Assert.Equal(["text,text,Brontë", "text,text,O'Brien 😀"], rows);
    }

    public void Dispose() => _db.Dispose();
}
