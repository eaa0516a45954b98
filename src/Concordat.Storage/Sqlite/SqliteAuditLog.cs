using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Concordat.Core;
using Concordat.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// The audit log in the embedded SQLite database with group commit: concurrent <see cref="AppendAsync"/> calls queue
/// on a channel and one writer commits everything queued in one transaction (synchronous=FULL), then completes each
/// caller; a failed commit faults every caller in the batch. The Merkle tree is cached in memory
/// (<see cref="MerkleTree"/>) and caught up from the table before every use, re-hashing each row it loads, so rows
/// appended by another process or inside a caller's transaction (<see cref="AppendWithin"/>) are picked up and a row
/// altered on disk is noticed. A log that fails that check, or whose checkpoints no longer match it, refuses every
/// further append and checkpoint (fail closed) until an operator investigates. Thread safe.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog, IAsyncDisposable
{
    /// <summary>The origin used when a hub configures none.</summary>
    public const string DefaultOrigin = "concordat/audit";

    private const int DefaultMaxBatch = 8192;
    private readonly SqliteDatabase _database;
    private readonly AuditSigningKey _key;
    private readonly TimeProvider _time;
    private readonly int _maxBatch;
    private readonly MerkleTree _tree = new();
    private readonly SemaphoreSlim _treeLock = new(1, 1);
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _checkpointsVerifiedThrough = -1;
    private string? _broken;

    /// <summary>Creates the log over a migrated database and starts its writer.</summary>
    /// <param name="database">The hub's database.</param>
    /// <param name="key">The checkpoint signing key; the log does not dispose it.</param>
    /// <param name="origin">The origin line of this hub's checkpoints.</param>
    /// <param name="time">The clock checkpoints are dated by.</param>
    /// <param name="maxBatch">Most entries committed in one transaction.</param>
    public SqliteAuditLog(SqliteDatabase database, AuditSigningKey key, string origin, TimeProvider time, int maxBatch = DefaultMaxBatch)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        if (!CheckpointBody.IsValidOrigin(origin))
        {
            throw new ArgumentException("A checkpoint origin is 1 to 256 printable ASCII characters.", nameof(origin));
        }

        _database = database;
        _key = key;
        _time = time;
        _maxBatch = maxBatch;
        Origin = origin;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <inheritdoc />
    public AuditPublicKey PublicKey => _key.PublicKey;

    /// <summary>The origin of the newest stored checkpoint, or null before the first: lets a second process sign as the hub does.</summary>
    public static string? StoredOrigin(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.Open();
        return SqliteAuditQueries.LatestCheckpoint(connection)?.Origin;
    }

    /// <inheritdoc />
    public string Origin { get; }

    /// <inheritdoc />
    public Task<AuditReceipt> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var pending = new PendingAppend(entry);
        // The caller's token does not cancel a queued append: once queued it is committed or faulted, never lost.
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new AuditLogException("The audit log is closed.");
        }

        return pending.Completion.Task;
    }

    /// <summary>
    /// Appends an entry inside the caller's own transaction, so it commits (or rolls back) with the request's other
    /// writes. Begin the transaction with <c>BeginTransaction()</c> (immediate), so the write lock is held from the
    /// start. The in-memory tree learns of the entry after the commit, on its next catch-up.
    /// </summary>
    public AuditReceipt AppendWithin(SqliteTransaction transaction, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(entry);
        if (_broken is { } broken)
        {
            throw new AuditLogException(broken);
        }

        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has completed.", nameof(transaction));
        using var next = connection.CreateCommand();
        next.Transaction = transaction;
        next.CommandText = "SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_entries";
        var index = (long)next.ExecuteScalar()!;
        using var inserts = new SqliteAuditInserts(connection, transaction);
        return inserts.Add(index, entry, new ArrayBufferWriter<byte>(512));
    }

    /// <inheritdoc />
    public async Task<Checkpoint> CheckpointAsync(CancellationToken cancellationToken)
    {
        await _treeLock.WaitAsync(cancellationToken);
        try
        {
            using var lent = _database.Borrow();
            var connection = lent.Connection;
            CatchUp(lent, null);
            ThrowIfBroken();
            var size = _tree.Size;
            var latest = SqliteAuditQueries.LatestCheckpoint(connection);
            if (latest is not null && latest.TreeSize == size)
            {
                return latest;
            }

            var checkpoint = _key.Sign(Origin, size, _tree.RootHash(size), _time.GetUtcNow());
            try
            {
                SqliteAuditQueries.InsertCheckpoint(connection, checkpoint);
            }
            catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
            {
                // Another process signed this size first; theirs stands.
                return SqliteAuditQueries.LatestCheckpoint(connection)!;
            }

            _checkpointsVerifiedThrough = size;
            return checkpoint;
        }
        catch (SqliteException ex)
        {
            throw new AuditLogException("The audit checkpoint could not be stored.", ex);
        }
        finally
        {
            _treeLock.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Read from the table (highest index + 1), not the cached tree, so a log that failed its integrity check
    /// still exports everything it holds for the verifier to examine.</remarks>
    public Task<long> GetSizeAsync(CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_entries";
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    /// <inheritdoc />
    public Task<LoggedAuditEntry?> GetEntryAsync(long index, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        return Task.FromResult(SqliteAuditQueries.Entries(connection, index, 1).FirstOrDefault(e => e.Index == index));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LoggedAuditEntry>> ListEntriesAsync(long from, int limit, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        return Task.FromResult(SqliteAuditQueries.Entries(connection, from, limit));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LoggedAuditEntry>> FindBySubjectAsync(SubjectKey subject, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        using var connection = _database.Open();
        return Task.FromResult(SqliteAuditQueries.BySubject(connection, subject, after, limit));
    }

    /// <inheritdoc />
    public Task<Checkpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        return Task.FromResult(SqliteAuditQueries.LatestCheckpoint(connection));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Checkpoint>> ListCheckpointsAsync(long afterSize, int limit, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        return Task.FromResult(SqliteAuditQueries.Checkpoints(connection, afterSize, limit));
    }

    /// <inheritdoc />
    public async Task<Result<IReadOnlyList<byte[]>>> GetInclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken) =>
        await WithTreeAsync<Result<IReadOnlyList<byte[]>>>(() =>
        {
            if (treeSize < 1 || treeSize > _tree.Size)
            {
                return SizeError(treeSize, "treeSize");
            }

            return index < 0 || index >= treeSize
                ? Error.Validation("audit.invalid_index", $"index must be from 0 to {N(treeSize - 1)} for a tree of {N(treeSize)} entries.", "index")
                : Result<IReadOnlyList<byte[]>>.Success(_tree.InclusionProof(index, treeSize));
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<Result<IReadOnlyList<byte[]>>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken) =>
        await WithTreeAsync<Result<IReadOnlyList<byte[]>>>(() =>
        {
            if (newSize < 0 || newSize > _tree.Size)
            {
                return SizeError(newSize, "to");
            }

            return oldSize < 0 || oldSize > newSize
                ? Error.Validation("audit.invalid_tree_size", "from must be from 0 to the size given as to.", "from")
                : Result<IReadOnlyList<byte[]>>.Success(_tree.ConsistencyProof(oldSize, newSize));
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<Result<byte[]>> GetRootHashAsync(long treeSize, CancellationToken cancellationToken) =>
        await WithTreeAsync<Result<byte[]>>(() => treeSize < 0 || treeSize > _tree.Size ? SizeError(treeSize, "treeSize") : _tree.RootHash(treeSize), cancellationToken);

    /// <summary>Stops taking appends, commits what is queued and waits for the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        _treeLock.Dispose();
    }

    private async Task<T> WithTreeAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _treeLock.WaitAsync(cancellationToken);
        try
        {
            using var lent = _database.Borrow();
            CatchUp(lent, null);
            return read();
        }
        finally
        {
            _treeLock.Release();
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>(_maxBatch);
        var buffer = new ArrayBufferWriter<byte>(1024);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await _treeLock.WaitAsync();
            try
            {
                var receipts = Commit(batch, buffer);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (receipts[i] is { } receipt)
                    {
                        batch[i].Completion.TrySetResult(receipt);
                    }
                }
            }
            catch (Exception ex)
            {
                // Any failure, expected or not, faults this batch's callers and leaves the writer running: a request
                // must never wait forever for an audit entry (STYLE.md: the audit trail is not logging).
                var failure = ex as AuditLogException ?? new AuditLogException("The audit entries could not be written; the requests that needed them must fail.", ex);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(failure);
                }
            }
            finally
            {
                _treeLock.Release();
            }
        }
    }

    /// <summary>Commits a batch; an entry that cannot be encoded is faulted alone and gets no index (its receipt is null).</summary>
    private AuditReceipt?[] Commit(List<PendingAppend> batch, ArrayBufferWriter<byte> buffer)
    {
        // A lent connection keeps the batch's statements prepared: a batch is a few entries under load, and preparing
        // its seven statements afresh each time cost more than inserting the entries.
        using var lent = _database.Borrow();
        var connection = lent.Connection;
        // The subject index takes keyed (random) inserts; a 64 MB page cache keeps its B-tree pages in memory
        // across batches instead of re-reading and spilling them (measured in docs/benchmarks.md).
        lent.Command("PRAGMA cache_size = -65536").ExecuteNonQuery();
        using var transaction = connection.BeginTransaction();
        CatchUp(lent, transaction);
        ThrowIfBroken();
        var receipts = new AuditReceipt?[batch.Count];
        var unencodable = new List<(PendingAppend Pending, ArgumentException Error)>();
        using (var inserts = new SqliteAuditInserts(lent, transaction))
        {
            var next = _tree.Size;
            for (var i = 0; i < batch.Count; i++)
            {
                try
                {
                    buffer.ResetWrittenCount();
                    AuditEntryCodec.Encode(next, batch[i].Entry, buffer);
                }
                catch (ArgumentException ex)
                {
                    unencodable.Add((batch[i], ex));
                    continue;
                }

                receipts[i] = inserts.Add(next++, buffer.WrittenSpan.ToArray(), batch[i].Entry.SubjectKeys);
            }
        }

        transaction.Commit();
        foreach (var receipt in receipts)
        {
            if (receipt is not null)
            {
                _tree.Append(receipt.LeafHash);
            }
        }

        foreach (var (pending, error) in unencodable)
        {
            pending.Completion.TrySetException(error);
        }

        return receipts;
    }

    /// <summary>Brings the cached tree up to the table, re-hashing every row it loads, then checks new checkpoints against it.</summary>
    private void CatchUp(PreparedConnection lent, SqliteTransaction? transaction)
    {
        if (_broken is not null)
        {
            return;
        }

        // A block of its own, so the reader is closed before the checkpoint query runs on the same connection.
        {
            var command = lent.Command("SELECT idx, entry, leaf_hash FROM audit_entries WHERE idx >= $from ORDER BY idx");
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$from", _tree.Size);
            using var reader = command.ExecuteReader();
            Span<byte> leaf = stackalloc byte[MerkleHashes.Size];
            while (reader.Read())
            {
                var index = reader.GetInt64(0);
                if (index != _tree.Size)
                {
                    Break($"Audit entry {N(_tree.Size)} is missing from the database.");
                    return;
                }

                MerkleHashes.Leaf((byte[])reader.GetValue(1), leaf);
                if (!leaf.SequenceEqual((byte[])reader.GetValue(2)))
                {
                    Break($"Audit entry {N(index)} in the database does not match its leaf hash: it has been altered.");
                    return;
                }

                _tree.Append(leaf);
            }
        }

        foreach (var checkpoint in SqliteAuditQueries.CheckpointsAfter(lent, _checkpointsVerifiedThrough, transaction))
        {
            if (checkpoint.TreeSize > _tree.Size)
            {
                Break($"The checkpoint at size {N(checkpoint.TreeSize)} covers entries the database no longer holds.");
                return;
            }

            if (!_key.PublicKey.Verify(checkpoint) || !CryptographicOperations.FixedTimeEquals(checkpoint.RootHash, _tree.RootHash(checkpoint.TreeSize)))
            {
                Break($"The checkpoint at size {N(checkpoint.TreeSize)} does not match the log or this hub's key: entries before it have been altered, or the checkpoint forged.");
                return;
            }

            _checkpointsVerifiedThrough = checkpoint.TreeSize;
        }
    }

    private void Break(string reason) => _broken = "The audit log failed its integrity check and refuses appends: " + reason;

    private void ThrowIfBroken()
    {
        if (_broken is { } broken)
        {
            throw new AuditLogException(broken);
        }
    }

    private static Error SizeError(long size, string target) =>
        Error.Validation("audit.invalid_tree_size", $"The log has no tree of size {N(size)}.", target);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class PendingAppend(AuditEntry entry)
    {
        public AuditEntry Entry { get; } = entry;

        public TaskCompletionSource<AuditReceipt> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
