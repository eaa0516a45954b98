using System.Buffers;
using System.Threading.Channels;

namespace Concordat.Core.Audit;

/// <summary>
/// The audit log (<see cref="IAuditLog"/>) over any <see cref="IAuditLedger"/>: every store and every hub node share
/// this one implementation of group commit, the Merkle tree, checkpoint signing and failing closed.
/// </summary>
/// <remarks>
/// <para><b>Group commit.</b> Concurrent <see cref="AppendAsync"/> calls queue on a channel; one writer encodes
/// everything queued, hands it to the ledger as one batch at the size it expects, and completes each caller only when
/// the ledger reports the batch durable. If another writer (another process or hub node) appended first, the ledger
/// refuses the batch; the engine reads and checks what the other wrote, renumbers its batch and tries again.</para>
/// <para><b>Verified tree.</b> Every row the engine reads is re-hashed and must follow the previous one; only such rows
/// enter its in-memory tree (about 64 bytes per entry), from which every root and proof is built. Stored checkpoints
/// are checked against that tree: those above the anchor when the log is opened, any other when a proof needs it.</para>
/// <para><b>Signing.</b> Only the holder of the ledger's signer lease signs. Before each signature it re-reads the
/// entries appended since the last checkpoint and compares them with what it appended or checked (so a row rewritten
/// in the database since is refused, not signed), and checks the tree still extends the last checkpoint it signed, as
/// kept outside the database by the <see cref="ICheckpointAnchor"/>. After storing a checkpoint it advances the anchor.
/// It never signs a tree that is not a proven extension of the anchored one (C2SP tlog-checkpoint).</para>
/// <para><b>Failing closed.</b> A gap, an altered row, a checkpoint that does not match, or a tree that does not extend
/// the anchor locks the log: <see cref="Failure"/> says what was expected and found, and appends, checkpoints, proofs
/// and roots are refused from then on. Reads of stored entries and checkpoints still work, so the evidence can be
/// exported and examined. Restarting finds the same fault again.</para>
/// <para>Thread safe.</para>
/// </remarks>
public sealed partial class AuditEngine : IAuditLog, IAsyncDisposable
{
    /// <summary>The origin used when a hub configures none.</summary>
    public const string DefaultOrigin = "concordat/audit";

    private const int MaxAppendAttempts = 64;
    private readonly IAuditLedger _ledger;
    private readonly ICheckpointAnchor _anchor;
    private readonly AuditSigningKey _key;
    private readonly TimeProvider _time;
    private readonly AuditEngineOptions _options;
    private readonly VerifiedLedgerTree _state;
    private readonly SemaphoreSlim _treeLock = new(1, 1);
    private readonly SemaphoreSlim _signLock = new(1, 1);
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private bool _loaded;
    private Checkpoint? _anchored;
    private IAuditSignerLease? _lease;
    private AuditLogFailure? _failure;
    private int _disposed;

    /// <summary>Creates the engine and starts its writer; the ledger is read on first use (or <see cref="OpenAsync"/>).</summary>
    /// <param name="ledger">Where entries and checkpoints are kept.</param>
    /// <param name="anchor">Where the last signed checkpoint is kept outside the ledger.</param>
    /// <param name="key">The checkpoint signing key; the engine does not dispose it.</param>
    /// <param name="origin">The origin line of this log's checkpoints.</param>
    /// <param name="time">The clock checkpoints are dated by.</param>
    /// <param name="options">Tuning; null for the defaults.</param>
    public AuditEngine(IAuditLedger ledger, ICheckpointAnchor anchor, AuditSigningKey key, string origin, TimeProvider time, AuditEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        if (!CheckpointBody.IsValidOrigin(origin))
        {
            throw new ArgumentException("A checkpoint origin is 1 to 256 printable ASCII characters.", nameof(origin));
        }

        _options = options ?? new AuditEngineOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBatch, 1, nameof(options));
        _ledger = ledger;
        _anchor = anchor;
        _key = key;
        _time = time;
        _state = new VerifiedLedgerTree(ledger, key.PublicKey);
        Origin = origin;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <inheritdoc />
    public AuditPublicKey PublicKey => _key.PublicKey;

    /// <inheritdoc />
    public string Origin { get; }

    /// <inheritdoc />
    public AuditLogFailure? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Reads the whole ledger, re-hashing every entry, and checks it against the anchored checkpoint and the stored
    /// checkpoints above it; the hub calls this at start so a tampered log is reported at once. Returns the failure
    /// found, or null. Later calls return at once.
    /// </summary>
    public async Task<AuditLogFailure?> OpenAsync(CancellationToken cancellationToken)
    {
        await _treeLock.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            return _state.Failure;
        }
        finally
        {
            _treeLock.Release();
        }
    }

    /// <inheritdoc />
    public Task<AuditReceipt> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Failure is { } failure)
        {
            return Task.FromException<AuditReceipt>(new AuditLogException(failure.Message));
        }

        var pending = new PendingAppend(entry);
        // The caller's token does not cancel a queued append: once queued it is committed or faulted, never lost.
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new AuditLogException("The audit log is closed.");
        }

        return pending.Completion.Task;
    }

    /// <inheritdoc />
    /// <remarks>The ledger's size, not the verified tree's, so a locked log still exports everything it holds.</remarks>
    public Task<long> GetSizeAsync(CancellationToken cancellationToken) => _ledger.GetSizeAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<LoggedAuditEntry?> GetEntryAsync(long index, CancellationToken cancellationToken)
    {
        if (index < 0)
        {
            return null;
        }

        var rows = await _ledger.ReadAsync(index, 1, cancellationToken);
        return rows.Count == 1 && rows[0].Index == index ? Decode(rows[0]) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LoggedAuditEntry>> ListEntriesAsync(long from, int limit, CancellationToken cancellationToken) =>
        [.. (await _ledger.ReadAsync(Math.Max(0, from), limit, cancellationToken)).Select(Decode)];

    /// <inheritdoc />
    public async Task<IReadOnlyList<LoggedAuditEntry>> FindBySubjectAsync(SubjectKey subject, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return [.. (await _ledger.FindBySubjectAsync(subject, after, limit, cancellationToken)).Select(Decode)];
    }

    /// <inheritdoc />
    public Task<Checkpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken) => _ledger.GetLatestCheckpointAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Checkpoint>> ListCheckpointsAsync(long afterSize, int limit, CancellationToken cancellationToken) =>
        _ledger.ListCheckpointsAsync(afterSize, limit, cancellationToken);

    /// <summary>Stops taking appends, commits what is queued, waits for the writer and gives up the signer lease. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writer;
        await _signLock.WaitAsync();
        try
        {
            if (_lease is not null)
            {
                await _lease.DisposeAsync();
                _lease = null;
            }
        }
        finally
        {
            _signLock.Release();
        }

        _treeLock.Dispose();
        _signLock.Dispose();
    }

    private static LoggedAuditEntry Decode(StoredAuditEntry row)
    {
        var (index, entry) = AuditEntryCodec.Decode(row.Entry);
        return new LoggedAuditEntry(index, entry, row.LeafHash);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>(_options.MaxBatch);
        var buffer = new ArrayBufferWriter<byte>(1024);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await _treeLock.WaitAsync();
            try
            {
                await EnsureLoadedAsync(CancellationToken.None);
                ThrowIfFailed();
                var receipts = await CommitAsync(batch, buffer);
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

    /// <summary>
    /// Stores a batch at the tree's size, renumbering and retrying when another writer got there first. An entry that
    /// cannot be encoded is faulted alone and gets no index (its receipt is null). Called under the tree lock.
    /// </summary>
    private async Task<AuditReceipt?[]> CommitAsync(List<PendingAppend> batch, ArrayBufferWriter<byte> buffer)
    {
        var receipts = new AuditReceipt?[batch.Count];
        var encodable = new bool[batch.Count];
        Array.Fill(encodable, true);
        var entries = new List<AuditLedgerEntry>(batch.Count);
        var slots = new List<int>(batch.Count);
        for (var attempt = 0; attempt < MaxAppendAttempts; attempt++)
        {
            entries.Clear();
            slots.Clear();
            var next = _state.Tree.Size;
            for (var i = 0; i < batch.Count; i++)
            {
                if (!encodable[i])
                {
                    continue;
                }

                try
                {
                    buffer.ResetWrittenCount();
                    AuditEntryCodec.Encode(next, batch[i].Entry, buffer);
                }
                catch (ArgumentException ex)
                {
                    encodable[i] = false;
                    batch[i].Completion.TrySetException(ex);
                    continue;
                }

                var bytes = buffer.WrittenSpan.ToArray();
                entries.Add(new AuditLedgerEntry(next++, bytes, MerkleHashes.Leaf(bytes), batch[i].Entry.SubjectKeys));
                slots.Add(i);
            }

            if (entries.Count == 0)
            {
                return receipts;
            }

            var appended = await _ledger.AppendAsync(_state.Tree.Size, entries, CancellationToken.None);
            if (appended.Stored)
            {
                for (var j = 0; j < entries.Count; j++)
                {
                    _state.Tree.Append(entries[j].LeafHash);
                    receipts[slots[j]] = new AuditReceipt(entries[j].Index, entries[j].LeafHash);
                }

                return receipts;
            }

            // Another writer appended first: read and check what it wrote, then try again at the new size.
            await _state.CatchUpAsync(CancellationToken.None);
            ThrowIfFailed();
        }

        throw new AuditLogException($"The audit entries could not be written: other writers took every index offered in {MaxAppendAttempts} attempts.");
    }

    /// <summary>
    /// On first use: reads and checks the whole ledger, then checks it against the anchor and the stored checkpoints
    /// above it (adopting the latest as the anchor when there is none yet). Called under the tree lock.
    /// </summary>
    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _state.CatchUpAsync(cancellationToken);
        if (_state.Failure is null)
        {
            await CheckAnchorAsync(cancellationToken);
        }

        if (_state.Failure is null)
        {
            await _state.CheckNewCheckpointsAsync(cancellationToken);
        }

        if (_state.Failure is null && _state.Covered is { } covered && (_anchored is null || covered.TreeSize > _anchored.TreeSize))
        {
            // A log from before anchors were kept, or checkpoints signed by another node since: the latest checked one
            // becomes this process's anchor.
            _anchored = await _anchor.AdvanceAsync(covered, cancellationToken);
        }

        PublishFailure();
        _loaded = true;
    }

    private void ThrowIfFailed()
    {
        PublishFailure();
        if (_state.Failure is { } failure)
        {
            throw new AuditLogException(failure.Message);
        }
    }

    private void PublishFailure() => Volatile.Write(ref _failure, _state.Failure);

    private sealed class PendingAppend(AuditEntry entry)
    {
        public AuditEntry Entry { get; } = entry;

        public TaskCompletionSource<AuditReceipt> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
