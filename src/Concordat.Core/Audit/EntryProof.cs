namespace Concordat.Core.Audit;

/// <summary>
/// An entry's RFC 9162 inclusion proof in the tree of a signed checkpoint, with the outcome of checking it
/// (<see cref="AuditEvidence.ProveAsync"/>): anyone holding the public key can repeat the check offline.
/// </summary>
/// <param name="Entry">The entry, with its index and leaf hash.</param>
/// <param name="Checkpoint">The checked checkpoint whose tree the proof leads to.</param>
/// <param name="Hashes">The audit path, leaf to root.</param>
/// <param name="Included">The path leads from the entry's leaf hash to the checkpoint's root.</param>
public sealed record EntryProof(LoggedAuditEntry Entry, CheckpointCheck Checkpoint, IReadOnlyList<byte[]> Hashes, bool Included)
{
    /// <summary>True when the checkpoint verified and the entry is proved to be in it.</summary>
    public bool Verified => Checkpoint.Verified && Included;
}
