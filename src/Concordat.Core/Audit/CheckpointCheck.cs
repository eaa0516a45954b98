namespace Concordat.Core.Audit;

/// <summary>What the hub checked about one signed checkpoint (<see cref="AuditEvidence"/>).</summary>
/// <param name="Checkpoint">The checkpoint.</param>
/// <param name="SignatureVerified">Its signature verifies with the log's public key.</param>
/// <param name="MatchesLog">The log's tree of <see cref="Checkpoint.TreeSize"/> entries has the checkpoint's root hash now.</param>
public sealed record CheckpointCheck(Checkpoint Checkpoint, bool SignatureVerified, bool MatchesLog)
{
    /// <summary>True when both checks passed.</summary>
    public bool Verified => SignatureVerified && MatchesLog;
}
