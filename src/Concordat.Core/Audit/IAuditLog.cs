namespace Concordat.Core.Audit;

/// <summary>
/// The append-only, verifiable audit log (DESIGN.md rule 4). Appends are durable when their task completes: a
/// caller that gets an exception must treat the access as not audited and fail the request (STYLE.md: the audit
/// trail is not logging). Implementations are thread safe and batch concurrent appends into one commit.
/// </summary>
public interface IAuditLog
{
    /// <summary>The public key that checks this log's checkpoints.</summary>
    AuditPublicKey PublicKey { get; }

    /// <summary>The origin line of this log's checkpoints.</summary>
    string Origin { get; }

    /// <summary>Appends an entry; completes once the batch holding it is committed to disk.</summary>
    /// <returns>The entry's index and leaf hash.</returns>
    /// <exception cref="AuditLogException">The entry could not be written, or the log failed its integrity check.</exception>
    Task<AuditReceipt> AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Signs and stores a checkpoint of the current size, or returns the latest when the log has not grown since.</summary>
    Task<Checkpoint> CheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Number of committed entries.</summary>
    Task<long> GetSizeAsync(CancellationToken cancellationToken);

    /// <summary>The entry at an index, or null past the end.</summary>
    Task<LoggedAuditEntry?> GetEntryAsync(long index, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> entries from index <paramref name="from"/> on, in index order.</summary>
    Task<IReadOnlyList<LoggedAuditEntry>> ListEntriesAsync(long from, int limit, CancellationToken cancellationToken);

    /// <summary>Entries that name a subject, index order, those after index <paramref name="after"/> (-1 for the start).</summary>
    Task<IReadOnlyList<LoggedAuditEntry>> FindBySubjectAsync(SubjectKey subject, long after, int limit, CancellationToken cancellationToken);

    /// <summary>The newest checkpoint, or null before the first.</summary>
    Task<Checkpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Checkpoints with a tree size above <paramref name="afterSize"/> (-1 for all), smallest first.</summary>
    Task<IReadOnlyList<Checkpoint>> ListCheckpointsAsync(long afterSize, int limit, CancellationToken cancellationToken);

    /// <summary>The inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="treeSize"/> entries.</summary>
    Task<Result<IReadOnlyList<byte[]>>> GetInclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken);

    /// <summary>The consistency proof between the trees of <paramref name="oldSize"/> and <paramref name="newSize"/> entries.</summary>
    Task<Result<IReadOnlyList<byte[]>>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken);

    /// <summary>The root hash of the tree of <paramref name="treeSize"/> entries.</summary>
    Task<Result<byte[]>> GetRootHashAsync(long treeSize, CancellationToken cancellationToken);
}
