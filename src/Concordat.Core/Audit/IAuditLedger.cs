namespace Concordat.Core.Audit;

/// <summary>
/// Where an audit log keeps its entries and checkpoints: one gap-free, append-only sequence of encoded entries, the
/// subject keys that index them, and the checkpoints signed over them. It is the only part of the audit log a store
/// implements; <see cref="AuditEngine"/> does everything else (group commit, the Merkle tree, checking what it reads,
/// signing, failing closed), so every store and every hub node share one engine.
/// </summary>
/// <remarks>
/// <para>The contract, which <c>AuditLedgerContract</c> (tests/Concordat.Storage.Tests/Contracts) checks for every
/// implementation:</para>
/// <list type="number">
/// <item><b>One sequence, no gaps.</b> Entries are numbered from 0. <see cref="AppendAsync"/> stores a batch only if,
/// at the moment it commits, the ledger holds exactly <c>expectedSize</c> entries; otherwise it stores nothing and
/// reports the size it found. Two writers, in one process or on two hub nodes sharing the store, can therefore never
/// both store an entry at the same index: exactly one wins, and the other learns the new size and tries again.</item>
/// <item><b>All or nothing, durable.</b> A batch is stored whole or not at all. When the returned task completes with
/// success the batch is durable (survives a crash or power loss of the store). When the task throws, the batch may or
/// may not have been stored (a connection lost during commit cannot tell); the caller finds out from the size on its
/// next append or read.</item>
/// <item><b>Verbatim.</b> Entries come back exactly as given: the same bytes and the same leaf hash. The ledger does
/// not check, repair or re-derive them. The engine re-hashes what it reads; a ledger that "fixed" data would hide
/// tampering.</item>
/// <item><b>Append-only.</b> The ledger offers no update or delete. Where the store can, it also refuses them
/// (triggers, grants), but the design does not rely on that: the signed checkpoints are what catch a rewrite.</item>
/// <item><b>One checkpoint per size.</b> <see cref="AddCheckpointAsync"/> stores a checkpoint unless one is already
/// stored for the same tree size, and returns the one that stands.</item>
/// <item><b>One signer.</b> <see cref="TryAcquireSignerLeaseAsync"/> grants the signer lease to at most one holder at
/// a time across every process and node sharing the store; a holder that dies loses it.</item>
/// <item><b>Thread safe</b>, and free of SQL dialect: nothing in these types names a table, a statement or a
/// connection. Cancellation of reads is honoured; <see cref="AppendAsync"/> and <see cref="AddCheckpointAsync"/> are
/// called with <see cref="CancellationToken.None"/> by the engine, because an append once begun must finish.</item>
/// </list>
/// </remarks>
public interface IAuditLedger
{
    /// <summary>
    /// Stores <paramref name="entries"/> at indexes <paramref name="expectedSize"/>, <paramref name="expectedSize"/>+1, ...
    /// if and only if the ledger holds exactly <paramref name="expectedSize"/> entries when it commits, with each
    /// entry's subject keys indexed for <see cref="FindBySubjectAsync"/>.
    /// </summary>
    /// <param name="expectedSize">The size the caller believes the ledger has: the index of the first entry.</param>
    /// <param name="entries">At least one entry; entry <c>i</c> must have index <c>expectedSize + i</c>.</param>
    /// <param name="cancellationToken">Cancels waiting to start; the engine passes none.</param>
    /// <returns><see cref="AuditLedgerAppend.Stored"/> and the new size, or, when the size differed, not stored and
    /// the size found.</returns>
    /// <exception cref="ArgumentException">The batch is empty, or its indexes do not run on from <paramref name="expectedSize"/>.</exception>
    Task<AuditLedgerAppend> AppendAsync(long expectedSize, IReadOnlyList<AuditLedgerEntry> entries, CancellationToken cancellationToken);

    /// <summary>The number of entries stored: one more than the highest index, 0 when empty.</summary>
    Task<long> GetSizeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> stored entries with index at or above <paramref name="from"/>, in index order,
    /// exactly as stored. Fewer (or none) at the end of the ledger. Every row stored with such an index is returned,
    /// so a missing row shows as a jump in the indexes, which the engine reports.
    /// </summary>
    Task<IReadOnlyList<StoredAuditEntry>> ReadAsync(long from, int limit, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> stored entries indexed under <paramref name="subject"/> with index above
    /// <paramref name="after"/> (-1 for the start), in index order.</summary>
    Task<IReadOnlyList<StoredAuditEntry>> FindBySubjectAsync(SubjectKey subject, long after, int limit, CancellationToken cancellationToken);

    /// <summary>Stores a checkpoint unless one is stored for its tree size; returns the checkpoint that stands for that
    /// size (the one given, or the one found). Durable when the task completes.</summary>
    Task<Checkpoint> AddCheckpointAsync(Checkpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>The checkpoint stored for a tree size, or null.</summary>
    Task<Checkpoint?> GetCheckpointAsync(long treeSize, CancellationToken cancellationToken);

    /// <summary>The checkpoint with the largest tree size, or null before the first.</summary>
    Task<Checkpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> checkpoints with a tree size above <paramref name="afterSize"/> (-1 for
    /// all), smallest first.</summary>
    Task<IReadOnlyList<Checkpoint>> ListCheckpointsAsync(long afterSize, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Tries to become the one checkpoint signer among every process and node sharing this ledger (a leader lock:
    /// for example a PostgreSQL advisory lock held on a session, or an exclusive file lock beside a SQLite file).
    /// Returns null at once when another holder has it. The holder keeps it until it disposes the lease or dies.
    /// </summary>
    Task<IAuditSignerLease?> TryAcquireSignerLeaseAsync(CancellationToken cancellationToken);
}
