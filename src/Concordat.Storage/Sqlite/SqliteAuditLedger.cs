using Concordat.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// The audit ledger (<see cref="IAuditLedger"/>) in its own SQLite file, <c>audit.db</c> beside the hub's
/// <c>concordat.db</c> (docs/adr/0015): an audit append takes only this file's write lock, so it never waits for a
/// data load holding the hub database's. Appends are one immediate transaction that checks the size first, then
/// inserts the batch (synchronous=FULL: durable at commit). The signer lease is an exclusive lock on
/// <c>audit.db-signer</c>, released when the holder disposes it or its process ends. Thread safe; several processes
/// may share the file.
/// </summary>
public sealed class SqliteAuditLedger : IAuditLedger, IDisposable
{
    /// <summary>The ledger's file name in the data directory.</summary>
    public const string FileName = "audit.db";

    private readonly bool _ownsDatabase;

    /// <summary>Wraps an audit database that has been migrated (<see cref="OpenBeside"/> does this for a hub).</summary>
    internal SqliteAuditLedger(SqliteDatabase database, bool ownsDatabase)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    /// <summary>The ledger's own database.</summary>
    internal SqliteDatabase Database { get; }

    /// <summary>Full path of <c>audit.db</c>.</summary>
    public string Path => Database.Path;

    /// <summary>
    /// Opens (creating and migrating when needed) the ledger beside a hub's database, first moving an older hub's audit
    /// tables out of <c>concordat.db</c> into it (<see cref="SqliteAuditMove"/>: once, crash-safe).
    /// </summary>
    /// <exception cref="InvalidOperationException">Both files hold an audit log, or the old log cannot be moved as it is.</exception>
    public static SqliteAuditLedger OpenBeside(SqliteDatabase hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        var database = SqliteDatabase.ForAuditLedger(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(hub.Path)!, FileName), hub.BusyTimeout);
        try
        {
            database.Migrate();
            SqliteAuditMove.Run(hub, database);
            return new SqliteAuditLedger(database, ownsDatabase: true);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<AuditLedgerAppend> AppendAsync(long expectedSize, IReadOnlyList<AuditLedgerEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSize);
        if (entries.Count == 0)
        {
            throw new ArgumentException("A batch holds at least one entry.", nameof(entries));
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Index != expectedSize + i || entries[i].LeafHash.Length != MerkleHashes.Size)
            {
                throw new ArgumentException($"Entry {i} of the batch must have index {expectedSize + i} and a 32-byte leaf hash.", nameof(entries));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var lent = Database.Borrow();
        // The subject index takes keyed (random) inserts; a 64 MB page cache keeps its B-tree pages in memory across
        // batches instead of re-reading and spilling them (docs/benchmarks.md, audit log).
        lent.Command("PRAGMA cache_size = -65536").ExecuteNonQuery();
        using var transaction = lent.Connection.BeginTransaction();
        var size = SqliteAuditQueries.Size(lent, transaction);
        if (size != expectedSize)
        {
            return Task.FromResult(AuditLedgerAppend.Conflict(size));
        }

        var inserts = new SqliteAuditInserts(lent, transaction);
        foreach (var entry in entries)
        {
            inserts.Add(entry);
        }

        transaction.Commit();
        return Task.FromResult(AuditLedgerAppend.Done(expectedSize + entries.Count));
    }

    /// <inheritdoc />
    public Task<long> GetSizeAsync(CancellationToken cancellationToken)
    {
        using var lent = Database.Borrow();
        return Task.FromResult(SqliteAuditQueries.Size(lent));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredAuditEntry>> ReadAsync(long from, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var lent = Database.Borrow();
        return Task.FromResult(SqliteAuditQueries.Entries(lent, from, limit));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredAuditEntry>> FindBySubjectAsync(SubjectKey subject, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var lent = Database.Borrow();
        return Task.FromResult(SqliteAuditQueries.BySubject(lent, subject, after, limit));
    }

    /// <inheritdoc />
    public Task<Checkpoint> AddCheckpointAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.RootHash.Length != MerkleHashes.Size || checkpoint.TreeSize < 0)
        {
            throw new ArgumentException("A checkpoint has a tree size of 0 or more and a 32-byte root hash.", nameof(checkpoint));
        }

        using var lent = Database.Borrow();
        if (SqliteAuditQueries.TryInsertCheckpoint(lent, checkpoint))
        {
            return Task.FromResult(checkpoint);
        }

        return Task.FromResult(SqliteAuditQueries.CheckpointAt(lent, checkpoint.TreeSize)
            ?? throw new SqliteException($"The checkpoint at size {checkpoint.TreeSize} was neither stored nor found.", 1));
    }

    /// <inheritdoc />
    public Task<Checkpoint?> GetCheckpointAsync(long treeSize, CancellationToken cancellationToken)
    {
        using var lent = Database.Borrow();
        return Task.FromResult(SqliteAuditQueries.CheckpointAt(lent, treeSize));
    }

    /// <inheritdoc />
    public Task<Checkpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken)
    {
        using var lent = Database.Borrow();
        return Task.FromResult(SqliteAuditQueries.LatestCheckpoint(lent));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Checkpoint>> ListCheckpointsAsync(long afterSize, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var lent = Database.Borrow();
        return Task.FromResult(SqliteAuditQueries.Checkpoints(lent, afterSize, limit));
    }

    /// <inheritdoc />
    public Task<IAuditSignerLease?> TryAcquireSignerLeaseAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IAuditSignerLease?>(SqliteSignerLease.TryAcquire(Database.Path + "-signer"));

    /// <summary>Closes the ledger's lent connections when it opened its database itself.</summary>
    public void Dispose()
    {
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }
}
