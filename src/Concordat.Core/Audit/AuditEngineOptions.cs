namespace Concordat.Core.Audit;

/// <summary>Tuning of an <see cref="AuditEngine"/>; the defaults suit a hub.</summary>
public sealed record AuditEngineOptions
{
    /// <summary>Most entries committed to the ledger in one batch (group commit).</summary>
    public int MaxBatch { get; init; } = 8192;

    /// <summary>How long <see cref="AuditEngine.CheckpointAsync"/> waits for another process that holds the signer lease to sign.</summary>
    public TimeSpan SignerWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often it looks for that checkpoint while waiting.</summary>
    public TimeSpan SignerPoll { get; init; } = TimeSpan.FromMilliseconds(100);
}
