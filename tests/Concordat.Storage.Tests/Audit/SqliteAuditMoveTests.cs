using System.Globalization;
using Concordat.Core.Audit;
using Concordat.Storage.Audit;
using Concordat.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Tests.Audit;

/// <summary>A hub from before audit.db: its log is moved out of concordat.db once, whole, and safely if interrupted.</summary>
public sealed class SqliteAuditMoveTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-tests", Guid.NewGuid().ToString("N"));
    private readonly AuditSigningKey _key = AuditSigningKey.Create();
    private readonly SqliteDatabase _hub;

    public SqliteAuditMoveTests()
    {
        _hub = new SqliteDatabase(Path.Combine(_directory, "concordat.db"));
        // Migration 0005 still creates the old tables, so a fresh database looks like one from before the move.
        _hub.Migrate();
    }

    public void Dispose()
    {
        _key.Dispose();
        _hub.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task An_old_hubs_log_is_moved_whole_and_verifies_and_the_old_tables_are_kept_renamed()
    {
        var checkpoint = WriteOldLog(30, signAt: 25);

        using (var ledger = SqliteAuditLedger.OpenBeside(_hub))
        {
            Assert.Equal(30, await ledger.GetSizeAsync(CancellationToken.None));
            await using var log = new AuditEngine(ledger, new CheckpointAnchorFile(Path.Combine(_directory, "keys")), _key, "old/hub", TimeProvider.System);
            Assert.Null(await log.OpenAsync(CancellationToken.None));
            Assert.Equal(checkpoint.Signature, (await log.GetLatestCheckpointAsync(CancellationToken.None))!.Signature);
            Assert.Equal(3, (await log.FindBySubjectAsync(new SubjectKey(Enumerable.Repeat((byte)7, 32).ToArray()), -1, 10, CancellationToken.None)).Count);
            var export = new MemoryStream();
            await AuditExporter.WriteAsync(log, export, CancellationToken.None);
            export.Position = 0;
            Assert.True((await new AuditLogVerifier(_key.PublicKey, checkpoint).VerifyAsync(export, CancellationToken.None)).IsValid);
            await AuditTestHub.AppendAsync(log, 30, 2);
        }

        Assert.Equal(["audit_moved_checkpoints", "audit_moved_entries", "audit_moved_subjects"], HubTables());
        Assert.Equal(30L, HubScalar("SELECT COUNT(*) FROM audit_moved_entries"));

        // Opening again copies nothing twice.
        using var again = SqliteAuditLedger.OpenBeside(_hub);
        Assert.Equal(32, await again.GetSizeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_move_interrupted_after_the_old_tables_were_renamed_is_completed_on_the_next_start()
    {
        WriteOldLog(12, signAt: 12);
        HubExec("ALTER TABLE audit_entries RENAME TO audit_moved_entries; ALTER TABLE audit_subjects RENAME TO audit_moved_subjects; ALTER TABLE audit_checkpoints RENAME TO audit_moved_checkpoints");

        using var ledger = SqliteAuditLedger.OpenBeside(_hub);
        Assert.Equal(12, await ledger.GetSizeAsync(CancellationToken.None));
        Assert.Equal(12, (await ledger.GetLatestCheckpointAsync(CancellationToken.None))!.TreeSize);
    }

    [Fact]
    public async Task Two_logs_are_never_merged()
    {
        WriteOldLog(3, signAt: 3);
        var audit = Path.Combine(_directory, SqliteAuditLedger.FileName);
        var fresh = new SqliteDatabase(Path.Combine(_directory, "other", "concordat.db"));
        fresh.Migrate();
        using (var other = SqliteAuditLedger.OpenBeside(fresh))
        {
            var bytes = AuditEntryCodec.Encode(0, AuditTestEntries.Entry(0));
            await other.AppendAsync(0, [new AuditLedgerEntry(0, bytes, MerkleHashes.Leaf(bytes), [])], CancellationToken.None);
        }

        fresh.Dispose();
        SqliteConnection.ClearAllPools();
        File.Copy(Path.Combine(_directory, "other", SqliteAuditLedger.FileName), audit);

        var ex = Assert.Throws<InvalidOperationException>(() => SqliteAuditLedger.OpenBeside(_hub));
        Assert.Contains("Both", ex.Message, StringComparison.Ordinal);
        Assert.Contains("audit_moved_", HubTables()[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_log_with_a_gap_is_not_moved_and_the_hub_says_why()
    {
        WriteOldLog(6, signAt: 6);
        HubExec("DROP TRIGGER audit_entries_no_delete; DROP TRIGGER audit_subjects_no_delete; DELETE FROM audit_subjects WHERE idx = 2; DELETE FROM audit_entries WHERE idx = 2");

        var ex = Assert.Throws<InvalidOperationException>(() => SqliteAuditLedger.OpenBeside(_hub));
        Assert.Contains("do not follow one another", ex.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        using var audit = new SqliteConnection($"Data Source={Path.Combine(_directory, SqliteAuditLedger.FileName)};Pooling=False");
        audit.Open();
        using var command = audit.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM audit_entries) + (SELECT COUNT(*) FROM audit_moved_in)";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }

    /// <summary>Writes a log as hubs before the move did, into concordat.db: entries, subject keys and a checkpoint.</summary>
    private Checkpoint WriteOldLog(int count, int signAt)
    {
        var leaves = new List<byte[]>();
        using var connection = _hub.Open();
        using var transaction = connection.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            var entry = AuditTestEntries.Entry(i, i % 10 == 7 ? 7 : i + 100);
            var bytes = AuditEntryCodec.Encode(i, entry);
            leaves.Add(MerkleHashes.Leaf(bytes));
            Run(connection, transaction, "INSERT INTO audit_entries (idx, entry, leaf_hash) VALUES ($i, $e, $h)", ("$i", i), ("$e", bytes), ("$h", leaves[^1]));
            foreach (var key in entry.SubjectKeys)
            {
                Run(connection, transaction, "INSERT INTO audit_subjects (subject_key, idx) VALUES ($k, $i)", ("$k", key.Bytes.ToArray()), ("$i", i));
            }
        }

        var checkpoint = _key.Sign("old/hub", signAt, MerkleHashes.Root(leaves.Take(signAt)), DateTimeOffset.UtcNow);
        Run(connection, transaction, "INSERT INTO audit_checkpoints (tree_size, origin, root_hash, time, key_id, signature) VALUES ($s, $o, $r, $t, $k, $g)",
            ("$s", checkpoint.TreeSize), ("$o", checkpoint.Origin), ("$r", checkpoint.RootHash),
            ("$t", checkpoint.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)), ("$k", checkpoint.KeyId), ("$g", checkpoint.Signature));
        transaction.Commit();
        return checkpoint;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private void HubExec(string sql)
    {
        using var connection = _hub.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long HubScalar(string sql)
    {
        using var connection = _hub.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private List<string> HubTables()
    {
        using var connection = _hub.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'audit%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
