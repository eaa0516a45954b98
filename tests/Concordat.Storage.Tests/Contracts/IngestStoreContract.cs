using Concordat.Core.Ingestion;

namespace Concordat.Storage.Tests.Contracts;

/// <summary>What every <see cref="IIngestStore"/> must answer about runs, records and quarantine, whatever the dialect.</summary>
public abstract class IngestStoreContract : StoreContract
{
    [Fact]
    public async Task Current_records_history_and_counts_follow_the_runs()
    {
        await Stores.SeedDatasetAsync();
        var first = Stores.Load("hmrc-taxpayers", RefreshMode.Full, ("R1", """{"nino":"AB123456C"}"""), ("R2", """{"nino":"CE987654D"}"""), ("r0", """{"nino":"JK111111A"}"""));
        var second = Stores.Load("hmrc-taxpayers", RefreshMode.Full, ("R1", """{"nino":"AB123456C","name":"Ann"}"""), ("r0", """{"nino":"JK111111A"}"""));

        var r1 = await Stores.Records.GetRecordAsync("hmrc-taxpayers", "R1", default);
        Assert.Equal(2, r1!.Version);
        Assert.Equal(second, r1.RunId);
        Assert.Equal("""{"nino":"AB123456C","name":"Ann"}""", r1.PayloadJson);
        Assert.Equal(TestStores.At(2026, 1, 2), r1.RecordedAt);
        var r2 = await Stores.Records.GetRecordAsync("hmrc-taxpayers", "R2", default);
        Assert.True(r2!.IsDeleted);
        Assert.Equal([first, second], (await Stores.Records.GetHistoryAsync("hmrc-taxpayers", "R2", default)).Select(v => v.RunId));
        Assert.Equal(1, (await Stores.Records.GetRecordAsync("hmrc-taxpayers", "r0", default))!.Version);
        Assert.Null(await Stores.Records.GetRecordAsync("hmrc-taxpayers", "r1", default));
        Assert.Equal(2, await Stores.Records.CountRecordsAsync("hmrc-taxpayers", default));

        // Key order is ordinal (upper case first) and deleted records are left out of pages.
        Assert.Equal(["R1", "r0"], (await Stores.Records.ListRecordsAsync("hmrc-taxpayers", null, 10, default)).Select(v => v.Key));
        Assert.Equal(["r0"], (await Stores.Records.ListRecordsAsync("hmrc-taxpayers", "R1", 10, default)).Select(v => v.Key));
        Assert.Equal(["R1"], (await Stores.Records.ListRecordsAsync("hmrc-taxpayers", null, 1, default)).Select(v => v.Key));
    }

    [Fact]
    public async Task Runs_and_quarantine_are_kept_and_a_failed_run_writes_nothing_else()
    {
        await Stores.SeedDatasetAsync();
        var start = new IngestRunStart("hmrc-taxpayers", "paye", SourceFormat.Csv, RefreshMode.Incremental, "hmrc-steward", TestStores.At(2026, 1, 3));
        long runId;
        using (var session = Stores.Ingest.Begin(start))
        {
            Assert.Equal(RecordOutcome.Created, session.Apply("K1", RecordContent.FromUtf8("""{"nino":"AB123456C"}"""u8), 1));
            Assert.Equal(RecordOutcome.DuplicateKey, session.Apply("K1", RecordContent.FromUtf8("""{"nino":"AB123456C"}"""u8), 3));
            session.Quarantine(3, [new("NINO", "bad"), new("REF", null)], ["Duplicate key K1.", "nino: not a NINO"]);
            session.Quarantine(2, [new("NINO", "x")], ["nino: not a NINO"]);
            runId = session.Commit(new IngestCounts { RowsRead = 3, RowsLoaded = 1, RowsQuarantined = 2, VersionsCreated = 1 }, false, "abc123", TestStores.At(2026, 1, 3, 10)).Id;
        }

        var failed = await Stores.Ingest.RecordFailedRunAsync(start, new IngestCounts { RowsRead = 7 }, "The file is not UTF-8.", TestStores.At(2026, 1, 4), default);
        Assert.Equal(IngestRunStatus.Failed, failed.Status);
        Assert.Equal("The file is not UTF-8.", failed.Error);
        Assert.True(failed.Id > runId);

        var run = await Stores.Ingest.GetRunAsync(runId, default);
        Assert.Equal(IngestRunStatus.Succeeded, run!.Status);
        Assert.Equal("abc123", run.SourceSha256);
        Assert.Equal("hmrc-steward", run.StartedBy);
        Assert.Equal(RefreshMode.Incremental, run.Mode);
        Assert.Equal(2, run.Counts.RowsQuarantined);
        Assert.Equal(TestStores.At(2026, 1, 3, 10), run.FinishedAt);
        Assert.Equal([failed.Id, runId], (await Stores.Ingest.ListRunsAsync("hmrc-taxpayers", 10, default)).Select(r => r.Id));

        var quarantined = await Stores.Ingest.GetQuarantineAsync(runId, 0, 10, default);
        Assert.Equal([2L, 3L], quarantined.Select(q => q.RowNumber));
        Assert.Null(quarantined[1].Values["REF"]);
        Assert.Equal(["Duplicate key K1.", "nino: not a NINO"], quarantined[1].Reasons);
        Assert.Equal([3L], (await Stores.Ingest.GetQuarantineAsync(runId, 2, 10, default)).Select(q => q.RowNumber));
        Assert.Equal(1.0 / 3, await Stores.Quality.DuplicateKeyRateAsync(runId, default));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_retained_key_is_not_applied_and_a_duplicate_names_the_row_that_was(bool datasetHasRecords)
    {
        // Issue 15.10: a key met first in a quarantined row must still load from the first valid row for it, on a first
        // load and on a dataset that already has records alike, and the store must say which row applied a key.
        await Stores.SeedDatasetAsync();
        if (datasetHasRecords)
        {
            Stores.Load("hmrc-taxpayers", RefreshMode.Full, ("K1", """{"nino":"AB123456C"}"""), ("K2", """{"nino":"CE987654D"}"""));
        }

        using (var session = Stores.Ingest.Begin(new IngestRunStart("hmrc-taxpayers", "test", SourceFormat.Csv, RefreshMode.Full, "test", TestStores.At(2026, 1, 3))))
        {
            session.Retain("K1");
            var applied = session.Apply("K1", RecordContent.FromUtf8("""{"nino":"JK111111A"}"""u8), 3);
            Assert.Equal(datasetHasRecords ? RecordOutcome.Updated : RecordOutcome.Created, applied);
            session.Retain("K1");
            Assert.Equal(3, session.ApplyDuplicate("K1", RecordContent.FromUtf8("""{"nino":"AB123456C"}"""u8), 5));
            session.Retain("K2");
            session.Commit(new IngestCounts { RowsRead = 3, RowsLoaded = 1, RowsQuarantined = 2, VersionsCreated = 1 }, true, null, TestStores.At(2026, 1, 3, 10));
        }

        Assert.Equal("""{"nino":"JK111111A"}""", (await Stores.Records.GetRecordAsync("hmrc-taxpayers", "K1", default))!.PayloadJson);
        Assert.Equal(datasetHasRecords ? 2 : 1, await Stores.Records.CountRecordsAsync("hmrc-taxpayers", default));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_batch_applies_the_first_row_of_each_key_within_and_across_batches(bool datasetHasRecords)
    {
        // Issue 16: the session applies a batch, not a row. Within one batch and across batches, the first valid row of a
        // key wins, a retained key does not claim it, changes are found by content hash and quarantine keeps every row.
        await Stores.SeedDatasetAsync();
        if (datasetHasRecords)
        {
            Stores.Load("hmrc-taxpayers", RefreshMode.Full, ("K1", """{"nino":"AB123456C"}"""), ("K2", """{"nino":"CE987654D"}"""), ("K9", """{"nino":"JK111111A"}"""));
        }

        long runId;
        using (var session = Stores.Ingest.Begin(new IngestRunStart("hmrc-taxpayers", "test", SourceFormat.Csv, RefreshMode.Full, "test", TestStores.At(2026, 1, 3))))
        {
            var first = new IngestWriteBatch();
            first.AddQuarantined(1, [new("REF", "K3"), new("NINO", "bad")], ["nino: not a NINO"]);
            first.AddRetained("K3");
            first.AddRecord("K2", Content("""{"nino":"CE987654D"}"""), 2);
            first.AddRecord("K1", Content("""{"nino":"AB123456C","name":"Ann"}"""), 3);
            first.AddRecord("K2", Content("""{"nino":"XX"}"""), 4);
            first.AddRecord("K1", Content("""{"nino":"AB123456C"}"""), 5);
            var applied = session.Apply(first);
            Assert.Equal(datasetHasRecords ? (0, 1, 1) : (2, 0, 0), (applied.Created, applied.Updated, applied.Unchanged));
            Assert.Equal([new DuplicateRecord(2, 2), new DuplicateRecord(3, 3)], applied.Duplicates);

            var second = new IngestWriteBatch();
            second.AddRecord("K3", Content("""{"nino":"JK222222B"}"""), 6);
            second.AddRecord("K2", Content("""{"nino":"YY"}"""), 7);
            second.AddRecord("K4", Content("""{"nino":"JK333333C"}"""), 8);
            second.AddRecord("K3", Content("""{"nino":"ZZ"}"""), 9);
            second.AddQuarantined(4, [new("REF", "K2")], ["Duplicate key 'K2'."]);
            applied = session.Apply(second);
            Assert.Equal((2, 0, 0), (applied.Created, applied.Updated, applied.Unchanged));
            Assert.Equal([new DuplicateRecord(1, 2), new DuplicateRecord(3, 6)], applied.Duplicates);
            runId = session.Commit(new IngestCounts { RowsRead = 9, RowsLoaded = 4, RowsQuarantined = 2 }, true, null, TestStores.At(2026, 1, 3, 10)).Id;
        }

        Assert.Equal("""{"nino":"AB123456C","name":"Ann"}""", (await Stores.Records.GetRecordAsync("hmrc-taxpayers", "K1", default))!.PayloadJson);
        Assert.Equal("""{"nino":"CE987654D"}""", (await Stores.Records.GetRecordAsync("hmrc-taxpayers", "K2", default))!.PayloadJson);
        Assert.Equal("""{"nino":"JK222222B"}""", (await Stores.Records.GetRecordAsync("hmrc-taxpayers", "K3", default))!.PayloadJson);
        Assert.Equal(datasetHasRecords ? 2 : 1, (await Stores.Records.GetHistoryAsync("hmrc-taxpayers", "K1", default)).Count);
        Assert.Single(await Stores.Records.GetHistoryAsync("hmrc-taxpayers", "K2", default));

        // The full refresh tombstoned only the key the run never met.
        Assert.Equal(["K1", "K2", "K3", "K4"], (await Stores.Records.ListRecordsAsync("hmrc-taxpayers", null, 10, default)).Select(v => v.Key));
        Assert.Equal(datasetHasRecords, (await Stores.Records.GetRecordAsync("hmrc-taxpayers", "K9", default))?.IsDeleted ?? false);
        var quarantined = await Stores.Ingest.GetQuarantineAsync(runId, 0, 10, default);
        Assert.Equal([1L, 4L], quarantined.Select(q => q.RowNumber));
        Assert.Equal("bad", quarantined[0].Values["NINO"]);
        Assert.Equal(["nino: not a NINO"], quarantined[0].Reasons);
    }

    [Fact]
    public async Task A_retained_key_survives_a_full_refresh_and_an_empty_batch_writes_nothing()
    {
        await Stores.SeedDatasetAsync();
        Stores.Load("hmrc-taxpayers", RefreshMode.Full, ("K1", """{"nino":"AB123456C"}"""), ("K2", """{"nino":"CE987654D"}"""));
        using (var session = Stores.Ingest.Begin(new IngestRunStart("hmrc-taxpayers", "test", SourceFormat.Csv, RefreshMode.Full, "test", TestStores.At(2026, 1, 3))))
        {
            Assert.Equal(IngestBatchResult.Empty, session.Apply(new IngestWriteBatch()));
            var batch = new IngestWriteBatch();
            batch.AddRecord("K1", Content("""{"nino":"AB123456C"}"""), 1);
            batch.AddRetained("K2");
            batch.AddQuarantined(2, [new("REF", "K2")], ["nino: not a NINO"]);
            var applied = session.Apply(batch);
            Assert.Equal((0, 0, 1), (applied.Created, applied.Updated, applied.Unchanged));
            var run = session.Commit(new IngestCounts { RowsRead = 2, RowsLoaded = 1, RowsQuarantined = 1, Unchanged = 1 }, true, null, TestStores.At(2026, 1, 3, 10));
            Assert.Equal(0, run.Counts.Tombstones);
        }

        Assert.Equal(2, await Stores.Records.CountRecordsAsync("hmrc-taxpayers", default));
        Assert.Single(await Stores.Records.GetHistoryAsync("hmrc-taxpayers", "K1", default));
    }

    private static RecordContent Content(string json) => RecordContent.FromUtf8(System.Text.Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task A_page_larger_than_the_store_serves_is_refused_not_cut()
    {
        // Issue 15.14: a caller that pages until a short page would stop early, without a word, if the store cut pages.
        await Stores.SeedDatasetAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Stores.Records.ListRecordsAsync("hmrc-taxpayers", null, IIngestStore.MaxPageSize + 1, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Stores.Ingest.GetQuarantineAsync(1, 0, IIngestStore.MaxPageSize + 1, default));
        Assert.Empty(await Stores.Records.ListRecordsAsync("hmrc-taxpayers", null, IIngestStore.MaxPageSize, default));
    }

    [Fact]
    public async Task A_first_load_of_many_batches_keeps_every_row_and_leaves_nothing_when_disposed_mid_run()
    {
        // Issue 16 ingest performance: PostgreSQL's first load keeps one copy into the versions table open from batch to
        // batch and copies quarantine in runs. Rows must still land whole: a duplicate of a key from an earlier batch and
        // one within a batch are found and name the row applied, quarantine past a run of a few thousand rows is kept,
        // and a run disposed mid-way (its copy still open) leaves nothing.
        await Stores.SeedDatasetAsync();
        var start = new IngestRunStart("hmrc-taxpayers", "big", SourceFormat.Csv, RefreshMode.Full, "test", TestStores.At(2026, 1, 3));
        const int Batches = 6, RecordsPerBatch = 2000, QuarantinedPerBatch = 1000;
        IEnumerable<IngestWriteBatch> Batched()
        {
            var row = 0L;
            for (var b = 0; b < Batches; b++)
            {
                var batch = new IngestWriteBatch(RecordsPerBatch + 2);
                for (var i = 0; i < RecordsPerBatch; i++)
                {
                    var key = $"K{(b * RecordsPerBatch) + i:D6}";
                    batch.AddRecord(key, Content($$"""{"ref":"{{key}}"}"""), ++row);
                    if (i < QuarantinedPerBatch)
                    {
                        batch.AddQuarantined(++row, [new("REF", key + "x")], ["nino: not a NINO"]);
                    }
                }

                if (b == 3)
                {
                    batch.AddRecord("K000007", Content("""{"ref":"again"}"""), ++row); // applied at row 15 of batch 0
                    batch.AddRecord($"K{(b * RecordsPerBatch) + 5:D6}", Content("""{"ref":"twice"}"""), ++row);
                }

                yield return batch;
            }
        }

        using (var session = Stores.Ingest.Begin(start))
        {
            foreach (var batch in Batched().Take(4))
            {
                session.Apply(batch);
            }
        }

        Assert.Equal(0, await Stores.Records.CountRecordsAsync("hmrc-taxpayers", default));
        Assert.Empty(await Stores.Ingest.ListRunsAsync("hmrc-taxpayers", 10, default));

        var duplicates = new List<(string Key, long? Applied)>();
        long runId;
        using (var session = Stores.Ingest.Begin(start))
        {
            var created = 0;
            foreach (var batch in Batched())
            {
                var result = session.Apply(batch);
                created += result.Created;
                duplicates.AddRange(result.Duplicates.Select(d => (batch.Records[d.Index].Key, d.AppliedRow)));
            }

            Assert.Equal(Batches * RecordsPerBatch, created);
            runId = session.Commit(new IngestCounts { RowsRead = 18002, RowsLoaded = 12000, RowsQuarantined = 6002, VersionsCreated = 12000 }, true, null, TestStores.At(2026, 1, 3, 10)).Id;
        }

        Assert.Equal([("K000007", 15L), ("K006005", 9011L)], duplicates);
        Assert.Equal(Batches * RecordsPerBatch, await Stores.Records.CountRecordsAsync("hmrc-taxpayers", default));
        Assert.Equal("""{"ref":"K000007"}""", (await Stores.Records.GetRecordAsync("hmrc-taxpayers", "K000007", default))!.PayloadJson);
        Assert.Equal("""{"ref":"K011999"}""", (await Stores.Records.GetRecordAsync("hmrc-taxpayers", "K011999", default))!.PayloadJson);
        var quarantined = new List<QuarantinedRow>();
        for (var after = 0L; ;)
        {
            var page = await Stores.Ingest.GetQuarantineAsync(runId, after, 4000, default);
            quarantined.AddRange(page);
            if (page.Count < 4000)
            {
                break;
            }

            after = page[^1].RowNumber;
        }

        Assert.Equal(Batches * QuarantinedPerBatch, quarantined.Count);
        Assert.Equal("K010999x", quarantined[^1].Values["REF"]);
        Assert.Equal(Batches * QuarantinedPerBatch, quarantined.Select(q => q.RowNumber).Distinct().Count());
    }

    [Fact]
    public async Task A_run_disposed_without_commit_leaves_nothing()
    {
        await Stores.SeedDatasetAsync();
        Stores.Load("hmrc-taxpayers", RefreshMode.Full, ("R1", """{"nino":"AB123456C"}"""));
        using (var session = Stores.Ingest.Begin(new IngestRunStart("hmrc-taxpayers", "test", SourceFormat.Csv, RefreshMode.Full, "test", TestStores.At(2026, 1, 3))))
        {
            session.Apply("R2", RecordContent.FromUtf8("""{"nino":"CE987654D"}"""u8), 1);
            session.Quarantine(1, [], ["bad"]);
        }

        Assert.Equal(["R1"], (await Stores.Records.ListRecordsAsync("hmrc-taxpayers", null, 10, default)).Select(v => v.Key));
        Assert.Single(await Stores.Ingest.ListRunsAsync("hmrc-taxpayers", 10, default));
    }

    [Fact]
    public async Task Old_values_and_deleted_records_are_not_found()
    {
        await Stores.SeedDatasetAsync();
        Stores.Load("hmrc-taxpayers", RefreshMode.Full, ("R1", """{"nino":"AB123456C"}"""), ("R2", """{"nino":"CE987654D"}"""));
        // R1 changes its NINO; R2 disappears from a full refresh and gets a tombstone.
        Stores.Load("hmrc-taxpayers", RefreshMode.Full, ("R1", """{"nino":"JK111111A"}"""));

        Assert.Empty(await Stores.Records.FindCurrentByFieldAsync("hmrc-taxpayers", "nino", "AB123456C", 5, default));
        Assert.Empty(await Stores.Records.FindCurrentByFieldAsync("hmrc-taxpayers", "nino", "CE987654D", 5, default));
        Assert.Equal("R1", Assert.Single(await Stores.Records.FindCurrentByFieldAsync("hmrc-taxpayers", "nino", "JK111111A", 5, default)).Key);
    }

    [Fact]
    public async Task Unknown_dataset_finds_nothing_and_a_bad_field_name_is_refused()
    {
        await Stores.SeedDatasetAsync();
        Assert.Empty(await Stores.Records.FindCurrentByFieldAsync("no-such-dataset", "nino", "AB123456C", 5, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Stores.Records.FindCurrentByFieldAsync("hmrc-taxpayers", "nino') OR 1=1 --", "x", 5, default));
    }
}
