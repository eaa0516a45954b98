namespace Concordat.Core.Audit;

/// <summary>
/// Where a hub keeps the last checkpoint it signed (or verified), outside the ledger's database: the fixed point the
/// engine proves every new tree to extend, so someone with write access to the database cannot roll the log back or
/// rewrite signed entries and have the hub sign again over the result (C2SP tlog-checkpoint: a log must not sign a
/// checkpoint inconsistent with one it signed before). A local stand-in for the witnesses of DESIGN.md step 4.
/// </summary>
public interface ICheckpointAnchor
{
    /// <summary>Where the anchor lives, for reports (a file path, say).</summary>
    string Location { get; }

    /// <summary>The anchored checkpoint, or null when none has been written yet.</summary>
    /// <exception cref="AuditLogException">The anchor exists but cannot be read or parsed.</exception>
    Task<Checkpoint?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the anchor with <paramref name="checkpoint"/> atomically (a crash leaves the old or the new one, never
    /// a mix) and durably, unless the stored anchor already has a larger tree size: it never moves back. Returns the
    /// anchor that stands.
    /// </summary>
    Task<Checkpoint> AdvanceAsync(Checkpoint checkpoint, CancellationToken cancellationToken);
}
