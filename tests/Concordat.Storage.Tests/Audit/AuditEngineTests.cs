using Concordat.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Tests.Audit;

/// <summary>The audit engine over the SQLite ledger: group commit, the stored form, failing closed on altered rows.</summary>
public sealed class AuditEngineTests : IDisposable
{
    private readonly AuditTestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public async Task Concurrent_appends_get_contiguous_indexes_and_all_are_stored()
    {
        await using var log = _hub.Open();
        var tasks = Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
        {
            var receipts = new List<AuditReceipt>();
            for (var i = 0; i < 100; i++)
            {
                receipts.Add(await log.AppendAsync(AuditTestEntries.Entry((client * 1000) + i, client), CancellationToken.None));
            }

            return receipts;
        }));
        var all = (await Task.WhenAll(tasks)).SelectMany(r => r).ToList();

        Assert.Equal(Enumerable.Range(0, 1600).Select(i => (long)i), all.Select(r => r.Index).Order());
        Assert.Equal(1600, await log.GetSizeAsync(CancellationToken.None));
        var stored = await log.ListEntriesAsync(0, 2000, CancellationToken.None);
        Assert.Equal(1600, stored.Count);
        foreach (var entry in stored)
        {
            Assert.Equal(MerkleHashes.Leaf(AuditEntryCodec.Encode(entry.Index, entry.Entry)), entry.LeafHash);
            Assert.Equal(all.Single(r => r.Index == entry.Index).LeafHash, entry.LeafHash);
        }

        Assert.Equal(MerkleHashes.Root(stored.Select(e => e.LeafHash)), (await log.GetRootHashAsync(1600, CancellationToken.None)).Value);
        var ofClient3 = await log.FindBySubjectAsync(AuditTestEntries.Subject(3), -1, 1000, CancellationToken.None);
        Assert.Equal(100, ofClient3.Count);
        Assert.All(ofClient3, e => Assert.Equal(3000, int.Parse(e.Entry.TraceId!["trace-".Length..], System.Globalization.CultureInfo.InvariantCulture) / 1000 * 1000));
    }

    [Fact]
    public async Task The_log_lives_in_its_own_file_and_the_hub_database_holds_no_audit_table()
    {
        await using (var log = _hub.Open())
        {
            await AuditTestHub.AppendAsync(log, 0, 3);
        }

        Assert.Equal(3, _hub.Scalar("SELECT COUNT(*) FROM audit_entries"));
        using var hub = _hub.Hub.Open();
        using var command = hub.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'audit%'";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Audit_appends_and_checkpoints_do_not_wait_for_a_data_load_holding_the_hub_databases_write_lock()
    {
        await using var log = _hub.Open();
        await AuditTestHub.AppendAsync(log, 0, 1);

        // A data load (an ingest run's one transaction) holds concordat.db's write lock for as long as it runs.
        using var load = _hub.Hub.Open();
        using (var begin = load.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        // Far below the hub database's busy timeout (30 s): an append that queued behind the load would time out here.
        var appended = log.AppendAsync(AuditTestEntries.Entry(1, 1), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, (await appended).Index);
        Assert.Equal(2, (await log.CheckpointAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).TreeSize);

        using var rollback = load.CreateCommand();
        rollback.CommandText = "ROLLBACK";
        rollback.ExecuteNonQuery();
    }

    [Fact]
    public async Task Updates_deletes_and_gaps_are_refused_by_the_database()
    {
        await using (var log = _hub.Open())
        {
            await log.AppendAsync(AuditTestEntries.Entry(0, 1), CancellationToken.None);
            await log.CheckpointAsync(CancellationToken.None);
        }

        string[] statements =
        [
            "UPDATE audit_entries SET entry = x'00' WHERE idx = 0",
            "DELETE FROM audit_entries WHERE idx = 0",
            "INSERT INTO audit_entries (idx, entry, leaf_hash) VALUES (5, x'00', zeroblob(32))",
            "UPDATE audit_subjects SET idx = 1",
            "DELETE FROM audit_subjects",
            "UPDATE audit_checkpoints SET tree_size = 2",
            "DELETE FROM audit_checkpoints",
        ];
        foreach (var sql in statements)
        {
            var ex = Assert.Throws<SqliteException>(() => _hub.Exec(sql));
            Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_entry_altered_on_disk_makes_the_reopened_log_refuse_appends()
    {
        await using (var log = _hub.Open())
        {
            await AuditTestHub.AppendAsync(log, 0, 10);
        }

        _hub.Tamper("UPDATE audit_entries SET entry = CAST(replace(CAST(entry AS TEXT), 'lookup', 'lookuq') AS BLOB) WHERE idx = 4");

        for (var restart = 0; restart < 2; restart++)
        {
            await using var reopened = _hub.Open();
            var ex = await Assert.ThrowsAsync<AuditLogException>(() => reopened.AppendAsync(AuditTestEntries.Entry(99, 1), CancellationToken.None));
            Assert.Contains("entry 4", ex.Message, StringComparison.Ordinal);
            Assert.Equal("entry.altered", reopened.Failure!.Code);
            await Assert.ThrowsAsync<AuditLogException>(() => reopened.CheckpointAsync(CancellationToken.None));
        }

        Assert.Equal(10, _hub.Scalar("SELECT COUNT(*) FROM audit_entries"));
        Assert.Equal(0, _hub.Scalar("SELECT COUNT(*) FROM audit_checkpoints"));
    }

    [Fact]
    public async Task A_failed_commit_faults_every_caller_and_the_log_recovers_when_the_fault_clears()
    {
        await using var log = _hub.Open();
        await log.AppendAsync(AuditTestEntries.Entry(0, 1), CancellationToken.None);
        _hub.Exec("CREATE TRIGGER test_disk_full BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        var failing = Enumerable.Range(1, 5).Select(i => log.AppendAsync(AuditTestEntries.Entry(i, 1), CancellationToken.None)).ToList();
        foreach (var task in failing)
        {
            await Assert.ThrowsAsync<AuditLogException>(() => task);
        }

        Assert.Equal(1, _hub.Scalar("SELECT COUNT(*) FROM audit_entries"));
        Assert.Null(log.Failure);
        _hub.Exec("DROP TRIGGER test_disk_full");
        var receipt = await log.AppendAsync(AuditTestEntries.Entry(6, 1), CancellationToken.None);
        Assert.Equal(1, receipt.Index);
        Assert.Equal(2, await log.GetSizeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_exported_log_verifies_and_an_out_of_band_deletion_is_pinpointed()
    {
        await using (var log = _hub.Open())
        {
            for (var i = 0; i < 50; i++)
            {
                await log.AppendAsync(AuditTestEntries.Entry(i, i), CancellationToken.None);
                if (i % 20 == 19)
                {
                    await log.CheckpointAsync(CancellationToken.None);
                }
            }

            var export = new MemoryStream();
            Assert.Equal(50, await AuditExporter.WriteAsync(log, export, CancellationToken.None));
            export.Position = 0;
            var result = await new AuditLogVerifier(_hub.Key.PublicKey).VerifyAsync(export, CancellationToken.None);
            Assert.True(result.IsValid, result.Problem?.Message);
            Assert.Equal(2, result.Checkpoints);
            Assert.Equal(10, result.UncoveredEntries);
        }

        _hub.Tamper("DELETE FROM audit_subjects WHERE idx = 13; DELETE FROM audit_entries WHERE idx = 13");
        await using var reopened = _hub.Open();
        var tampered = new MemoryStream();
        await AuditExporter.WriteAsync(reopened, tampered, CancellationToken.None);
        tampered.Position = 0;
        var problem = (await new AuditLogVerifier(_hub.Key.PublicKey).VerifyAsync(tampered, CancellationToken.None)).Problem!;
        Assert.Equal("entry.missing", problem.Code);
        Assert.Equal(13, problem.Index);
        Assert.Equal("entry.missing", (await reopened.OpenAsync(CancellationToken.None))!.Code);
    }

    [Fact]
    public async Task An_unencodable_entry_is_refused_to_its_caller_alone()
    {
        await using var log = _hub.Open();
        var good = Enumerable.Range(0, 5).Select(i => log.AppendAsync(AuditTestEntries.Entry(i, 1), CancellationToken.None)).ToList();
        // Members are bounded as an entry is built, so only an entry taken as stored can still hold a lone surrogate.
        var unencodable = new AuditEntry(verbatim: true) { Time = DateTimeOffset.UnixEpoch, ClientId = "dwp-service", OrganisationId = "dwp", Purpose = "\ud800", Action = "lookup", Outcome = AuditOutcome.Permitted };
        var bad = log.AppendAsync(unencodable, CancellationToken.None);
        good.AddRange(Enumerable.Range(5, 5).Select(i => log.AppendAsync(AuditTestEntries.Entry(i, 1), CancellationToken.None)));
        await Assert.ThrowsAsync<ArgumentException>(() => bad);
        var receipts = await Task.WhenAll(good);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), receipts.Select(r => r.Index).Order());
        Assert.Equal(10, await log.GetSizeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Each_checkpoint_is_kept_outside_the_database_as_a_file_the_verifier_accepts()
    {
        await using var log = _hub.Open();
        await AuditTestHub.AppendAsync(log, 0, 7);
        var first = await log.CheckpointAsync(CancellationToken.None);
        var anchored = AuditExportFormat.ReadCheckpoint(await File.ReadAllBytesAsync(_hub.AnchorPath)).Value;
        Assert.Equal(first.Signature, anchored.Signature);

        await AuditTestHub.AppendAsync(log, 7, 3);
        var second = await log.CheckpointAsync(CancellationToken.None);
        anchored = AuditExportFormat.ReadCheckpoint(await File.ReadAllBytesAsync(_hub.AnchorPath)).Value;
        Assert.Equal(10, anchored.TreeSize);
        Assert.Equal(second.RootHash, anchored.RootHash);
        Assert.True(_hub.Key.PublicKey.Verify(anchored));
        Assert.Empty(Directory.GetFiles(_hub.KeysDirectory, "*.tmp"));

        var export = new MemoryStream();
        await AuditExporter.WriteAsync(log, export, CancellationToken.None);
        export.Position = 0;
        Assert.True((await new AuditLogVerifier(_hub.Key.PublicKey, anchored).VerifyAsync(export, CancellationToken.None)).IsValid);
    }
}
