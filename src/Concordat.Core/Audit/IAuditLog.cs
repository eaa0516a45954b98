namespace Concordat.Core.Audit;

/// <summary>
/// The append-only, verifiable audit log (DESIGN.md rule 4). Appends are durable when their task completes: a
/// caller that gets an exception must treat the access as not audited and fail the request (STYLE.md: the audit
/// trail is not logging). Implementations are thread safe and batch concurrent appends into one commit.
/// Proofs and roots come only from a tree the log has verified, and proofs only for signed tree sizes. A log that
/// finds itself altered locks (<see cref="Failure"/>): it refuses appends, checkpoints and proofs from then on.
/// </summary>
public interface IAuditLog
{
    /// <summary>The public key that checks this log's checkpoints.</summary>
    AuditPublicKey PublicKey { get; }

    /// <summary>The origin line of this log's checkpoints.</summary>
    string Origin { get; }

    /// <summary>Null while the log is sound; once it has failed its integrity check, what was expected and found.</summary>
    AuditLogFailure? Failure { get; }

    /// <summary>Appends an entry; completes once the batch holding it is committed to disk.</summary>
    /// <returns>The entry's index and leaf hash.</returns>
    /// <exception cref="AuditLogException">The entry could not be written, or the log failed its integrity check.</exception>
    Task<AuditReceipt> AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// A checkpoint covering at least the log's size at the call: signs and stores one when this process may sign and
    /// the log has grown, returns the latest when it has not grown, and otherwise waits (a few seconds at most) for the
    /// node that holds the signer lease to sign one.
    /// </summary>
    /// <exception cref="AuditLogException">The log is locked, the checkpoint could not be stored, or no signer signed in time.</exception>
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

    /// <summary>
    /// The inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="treeSize"/> entries, which
    /// must be the size of a signed checkpoint. Errors: <c>audit.invalid_tree_size</c>, <c>audit.unsigned_tree_size</c>,
    /// <c>audit.invalid_index</c>, <c>audit.log_locked</c>.
    /// </summary>
    Task<Result<InclusionProof>> GetInclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken);

    /// <summary>
    /// The consistency proof between two signed tree sizes, 0 &lt; <paramref name="oldSize"/> &lt; <paramref name="newSize"/>
    /// (RFC 9162 section 2.1.4: for a size of 0 or equal sizes there is nothing to prove, and a verifier following
    /// section 2.1.4.2 rejects the empty proof). Errors: <c>audit.invalid_consistency_range</c>,
    /// <c>audit.invalid_tree_size</c>, <c>audit.unsigned_tree_size</c>, <c>audit.log_locked</c>.
    /// </summary>
    Task<Result<ConsistencyProof>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken);

    /// <summary>The root hash of the verified tree of <paramref name="treeSize"/> entries (signed or not).</summary>
    Task<Result<byte[]>> GetRootHashAsync(long treeSize, CancellationToken cancellationToken);
}
