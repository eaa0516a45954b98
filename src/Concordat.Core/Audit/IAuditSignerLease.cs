namespace Concordat.Core.Audit;

/// <summary>
/// The right to sign checkpoints, held by one process among all those sharing a ledger
/// (<see cref="IAuditLedger.TryAcquireSignerLeaseAsync"/>). Dispose it to give it up.
/// </summary>
public interface IAuditSignerLease : IAsyncDisposable
{
    /// <summary>
    /// Whether the lease is still held. The engine asks immediately before each signing, so a holder that lost it
    /// (a dropped database session, say) stops signing. Cheap enough to call once a second.
    /// </summary>
    ValueTask<bool> IsHeldAsync(CancellationToken cancellationToken);
}
