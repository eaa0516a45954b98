using System.Security.Cryptography;
using Concordat.Core.Audit;
using Concordat.Storage.Sqlite;
using Concordat.Storage.Tests.Sqlite;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Tests.Audit;

public sealed class SqliteAuditLogTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly AuditSigningKey _key = AuditSigningKey.Create();

    public void Dispose()
    {
        _key.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task Concurrent_appends_get_contiguous_indexes_and_all_are_stored()
    {
        await using var log = Open();
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
    public async Task Checkpoints_sign_the_root_and_proofs_from_the_store_verify()
    {
        await using var log = Open();
        for (var i = 0; i < 37; i++)
        {
            await log.AppendAsync(AuditTestEntries.Entry(i, i), CancellationToken.None);
        }

        var first = await log.CheckpointAsync(CancellationToken.None);
        Assert.Equal(_key.KeyId, first.KeyId);
        Assert.Equal(37, first.TreeSize);
        Assert.True(_key.PublicKey.Verify(first));
        Assert.Equal(first.Signature, (await log.CheckpointAsync(CancellationToken.None)).Signature);

        for (var i = 37; i < 100; i++)
        {
            await log.AppendAsync(AuditTestEntries.Entry(i, i), CancellationToken.None);
        }

        var second = await log.CheckpointAsync(CancellationToken.None);
        Assert.Equal(100, second.TreeSize);
        var consistency = (await log.GetConsistencyProofAsync(37, 100, CancellationToken.None)).Value;
        Assert.True(MerkleProofs.VerifyConsistency(37, 100, consistency, first.RootHash, second.RootHash));

        var entry = (await log.GetEntryAsync(20, CancellationToken.None))!;
        var inclusion = (await log.GetInclusionProofAsync(20, 37, CancellationToken.None)).Value;
        Assert.True(MerkleProofs.VerifyInclusion(20, 37, entry.LeafHash, inclusion, first.RootHash));
        Assert.Equal([first.TreeSize, second.TreeSize], (await log.ListCheckpointsAsync(-1, 10, CancellationToken.None)).Select(c => c.TreeSize));

        Assert.False((await log.GetInclusionProofAsync(37, 37, CancellationToken.None)).IsSuccess);
        Assert.False((await log.GetInclusionProofAsync(0, 101, CancellationToken.None)).IsSuccess);
        Assert.False((await log.GetConsistencyProofAsync(50, 37, CancellationToken.None)).IsSuccess);
    }

    [Fact]
    public async Task Updates_deletes_and_gaps_are_refused_by_the_database()
    {
        await using (var log = Open())
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
        using var connection = _db.Database.Open();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var ex = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_entry_altered_on_disk_makes_the_reopened_log_refuse_appends()
    {
        await using (var log = Open())
        {
            for (var i = 0; i < 10; i++)
            {
                await log.AppendAsync(AuditTestEntries.Entry(i, i), CancellationToken.None);
            }
        }

        Tamper("UPDATE audit_entries SET entry = CAST(replace(CAST(entry AS TEXT), 'lookup', 'lookuq') AS BLOB) WHERE idx = 4");

        for (var restart = 0; restart < 2; restart++)
        {
            await using var reopened = Open();
            var ex = await Assert.ThrowsAsync<AuditLogException>(() => reopened.AppendAsync(AuditTestEntries.Entry(99, 1), CancellationToken.None));
            Assert.Contains("entry 4", ex.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<AuditLogException>(() => reopened.CheckpointAsync(CancellationToken.None));
        }

        Assert.Equal(10, await CountAsync());
    }

    [Fact]
    public async Task An_alteration_that_also_rewrites_the_leaf_hash_is_caught_by_the_checkpoint()
    {
        await using (var log = Open())
        {
            for (var i = 0; i < 10; i++)
            {
                await log.AppendAsync(AuditTestEntries.Entry(i, i), CancellationToken.None);
            }

            await log.CheckpointAsync(CancellationToken.None);
        }

        var forged = AuditEntryCodec.Encode(4, AuditTestEntries.Entry(4, 4) with { Purpose = "fraud-prevention" });
        Tamper($"UPDATE audit_entries SET entry = x'{Convert.ToHexString(forged)}', leaf_hash = x'{Convert.ToHexString(MerkleHashes.Leaf(forged))}' WHERE idx = 4");

        await using var reopened = Open();
        var ex = await Assert.ThrowsAsync<AuditLogException>(() => reopened.AppendAsync(AuditTestEntries.Entry(99, 1), CancellationToken.None));
        Assert.Contains("checkpoint at size 10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_commit_faults_every_caller_and_the_log_recovers_when_the_fault_clears()
    {
        await using var log = Open();
        await log.AppendAsync(AuditTestEntries.Entry(0, 1), CancellationToken.None);
        Exec("CREATE TRIGGER test_disk_full BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        var failing = Enumerable.Range(1, 5).Select(i => log.AppendAsync(AuditTestEntries.Entry(i, 1), CancellationToken.None)).ToList();
        foreach (var task in failing)
        {
            await Assert.ThrowsAsync<AuditLogException>(() => task);
        }

        Assert.Equal(1, await CountAsync());
        Exec("DROP TRIGGER test_disk_full");
        var receipt = await log.AppendAsync(AuditTestEntries.Entry(6, 1), CancellationToken.None);
        Assert.Equal(1, receipt.Index);
        Assert.Equal(2, await log.GetSizeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Appending_within_a_callers_transaction_commits_or_rolls_back_with_it()
    {
        await using var log = Open();
        await log.AppendAsync(AuditTestEntries.Entry(0, 1), CancellationToken.None);
        using (var connection = _db.Database.Open())
        {
            using var rolledBack = connection.BeginTransaction();
            Assert.Equal(1, log.AppendWithin(rolledBack, AuditTestEntries.Entry(1, 2)).Index);
            rolledBack.Rollback();

            using var committed = connection.BeginTransaction();
            var receipt = log.AppendWithin(committed, AuditTestEntries.Entry(2, 2));
            committed.Commit();
            Assert.Equal(1, receipt.Index);
        }

        Assert.Equal(2, await log.GetSizeAsync(CancellationToken.None));
        Assert.Equal("trace-2", (await log.GetEntryAsync(1, CancellationToken.None))!.Entry.TraceId);
        var next = await log.AppendAsync(AuditTestEntries.Entry(3, 2), CancellationToken.None);
        Assert.Equal(2, next.Index);
        var checkpoint = await log.CheckpointAsync(CancellationToken.None);
        var leaves = (await log.ListEntriesAsync(0, 10, CancellationToken.None)).Select(e => e.LeafHash);
        Assert.Equal(MerkleHashes.Root(leaves), checkpoint.RootHash);
    }

    [Fact]
    public async Task An_exported_log_verifies_and_an_out_of_band_deletion_is_pinpointed()
    {
        await using (var log = Open())
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
            var result = await new AuditLogVerifier(_key.PublicKey).VerifyAsync(export, CancellationToken.None);
            Assert.True(result.IsValid, result.Problem?.Message);
            Assert.Equal(2, result.Checkpoints);
            Assert.Equal(10, result.UncoveredEntries);
        }

        Tamper("DELETE FROM audit_subjects WHERE idx = 13; DELETE FROM audit_entries WHERE idx = 13");
        await using var reopened = Open();
        var tampered = new MemoryStream();
        await AuditExporter.WriteAsync(reopened, tampered, CancellationToken.None);
        tampered.Position = 0;
        var problem = (await new AuditLogVerifier(_key.PublicKey).VerifyAsync(tampered, CancellationToken.None)).Problem!;
        Assert.Equal("entry.missing", problem.Code);
        Assert.Equal(13, problem.Index);
    }

    [Fact]
    public async Task An_unencodable_entry_is_refused_to_its_caller_alone()
    {
        await using var log = Open();
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

    private SqliteAuditLog Open() => new(_db.Database, _key, "test/audit", TimeProvider.System, maxBatch: 64);

    private void Exec(string sql)
    {
        using var connection = _db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>What someone with the file and the sqlite3 shell could do: drop the triggers, then edit.</summary>
    private void Tamper(string sql) => Exec(
        "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete; DROP TRIGGER audit_subjects_no_delete; " + sql);

    private async Task<long> CountAsync()
    {
        using var connection = _db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_entries";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
