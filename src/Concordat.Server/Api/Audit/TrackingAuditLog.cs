using Concordat.Core;
using Concordat.Core.Audit;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// The hub's <see cref="IAuditLog"/>: the store's log, with every committed append counted against the request that
/// made it (<see cref="RequestAuditCount"/>), so a data route can tell whether its request has been audited. Adds no
/// I/O. Thread safe.
/// </summary>
internal sealed class TrackingAuditLog : IAuditLog
{
    private readonly IAuditLog _inner;

    public TrackingAuditLog(IAuditLog inner) => _inner = inner;

    public AuditPublicKey PublicKey => _inner.PublicKey;

    public string Origin => _inner.Origin;

    public AuditLogFailure? Failure => _inner.Failure;

    public async Task<AuditReceipt> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var count = RequestAuditCount.Current;
        var receipt = await _inner.AppendAsync(entry, cancellationToken);
        count?.Add();
        return receipt;
    }

    public Task<Checkpoint> CheckpointAsync(CancellationToken cancellationToken) => _inner.CheckpointAsync(cancellationToken);

    public Task<long> GetSizeAsync(CancellationToken cancellationToken) => _inner.GetSizeAsync(cancellationToken);

    public Task<LoggedAuditEntry?> GetEntryAsync(long index, CancellationToken cancellationToken) => _inner.GetEntryAsync(index, cancellationToken);

    public Task<IReadOnlyList<LoggedAuditEntry>> ListEntriesAsync(long from, int limit, CancellationToken cancellationToken) =>
        _inner.ListEntriesAsync(from, limit, cancellationToken);

    public Task<IReadOnlyList<LoggedAuditEntry>> FindBySubjectAsync(SubjectKey subject, long after, int limit, CancellationToken cancellationToken) =>
        _inner.FindBySubjectAsync(subject, after, limit, cancellationToken);

    public Task<Checkpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken) => _inner.GetLatestCheckpointAsync(cancellationToken);

    public Task<IReadOnlyList<Checkpoint>> ListCheckpointsAsync(long afterSize, int limit, CancellationToken cancellationToken) =>
        _inner.ListCheckpointsAsync(afterSize, limit, cancellationToken);

    public Task<Result<InclusionProof>> GetInclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken) =>
        _inner.GetInclusionProofAsync(index, treeSize, cancellationToken);

    public Task<Result<ConsistencyProof>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken) =>
        _inner.GetConsistencyProofAsync(oldSize, newSize, cancellationToken);

    public Task<Result<byte[]>> GetRootHashAsync(long treeSize, CancellationToken cancellationToken) => _inner.GetRootHashAsync(treeSize, cancellationToken);
}
