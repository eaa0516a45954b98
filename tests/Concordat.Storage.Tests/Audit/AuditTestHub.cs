using Concordat.Core.Audit;
using Concordat.Storage.Audit;
using Concordat.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Tests.Audit;

/// <summary>
/// A hub's data directory in a fresh temp folder: concordat.db, audit.db and keys/ with the anchor file, and one
/// signing key. Opens engines the way the hub does, and lets a test do what someone with the files could.
/// </summary>
internal sealed class AuditTestHub : IDisposable
{
    public const string Origin = "test/audit";
    private readonly List<SqliteAuditLedger> _ledgers = [];

    public AuditTestHub()
    {
        Directory = Path.Combine(Path.GetTempPath(), "concordat-tests", Guid.NewGuid().ToString("N"));
        Hub = new SqliteDatabase(Path.Combine(Directory, "concordat.db"));
        Hub.Migrate();
    }

    public string Directory { get; }

    public SqliteDatabase Hub { get; }

    public AuditSigningKey Key { get; } = AuditSigningKey.Create();

    public string KeysDirectory => Path.Combine(Directory, "keys");

    public string AuditPath => Path.Combine(Directory, SqliteAuditLedger.FileName);

    public string AnchorPath => Path.Combine(KeysDirectory, CheckpointAnchorFile.FileName);

    /// <summary>An engine over a new connection to the ledger (a restart, or another process).</summary>
    public AuditEngine Open(TimeProvider? time = null, AuditEngineOptions? options = null)
    {
        var ledger = SqliteAuditLedger.OpenBeside(Hub);
        _ledgers.Add(ledger);
        return new AuditEngine(ledger, new CheckpointAnchorFile(KeysDirectory), Key, Origin, time ?? TimeProvider.System, options ?? new AuditEngineOptions { MaxBatch = 64 });
    }

    /// <summary>Runs SQL on audit.db as the application would (the append-only triggers in force).</summary>
    public void Exec(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={AuditPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>What someone with the file and the sqlite3 shell could do: drop the triggers, then edit.</summary>
    public void Tamper(string sql) => Exec(
        "DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete; DROP TRIGGER IF EXISTS audit_subjects_no_delete; "
        + "DROP TRIGGER IF EXISTS audit_checkpoints_no_delete; DROP TRIGGER IF EXISTS audit_checkpoints_no_update; " + sql);

    /// <summary>Rewrites entry <paramref name="index"/> with other content and a leaf hash to match, so only a signed root can tell.</summary>
    public void RewriteConsistently(long index, AuditEntry replacement)
    {
        var forged = AuditEntryCodec.Encode(index, replacement);
        Tamper($"UPDATE audit_entries SET entry = x'{Convert.ToHexString(forged)}', leaf_hash = x'{Convert.ToHexString(MerkleHashes.Leaf(forged))}' WHERE idx = {index}");
    }

    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={AuditPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public static async Task AppendAsync(IAuditLog log, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await log.AppendAsync(AuditTestEntries.Entry(i, i), CancellationToken.None);
        }
    }

    public void Dispose()
    {
        foreach (var ledger in _ledgers)
        {
            ledger.Dispose();
        }

        Key.Dispose();
        Hub.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
