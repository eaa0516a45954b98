namespace Concordat.Core.Audit;

/// <summary>The outcome of verifying an exported log.</summary>
/// <param name="Entries">Entries read before verification stopped.</param>
/// <param name="Checkpoints">Checkpoints whose signature and root verified.</param>
/// <param name="Latest">The last checkpoint that verified, or null.</param>
/// <param name="UncoveredEntries">Entries after the last verified checkpoint: well formed but not yet signed.</param>
/// <param name="Problem">The first problem, or null when the log verified.</param>
public sealed record AuditVerification(long Entries, int Checkpoints, Checkpoint? Latest, long UncoveredEntries, AuditProblem? Problem)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => Problem is null;
}
