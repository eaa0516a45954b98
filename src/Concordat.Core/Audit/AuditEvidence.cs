namespace Concordat.Core.Audit;

/// <summary>
/// The checks a reader of the log can ask the hub to show: that a signed checkpoint verifies and still matches the
/// log, that an entry is included in it, and that a later checkpoint extends an earlier one. Each is the same check
/// <c>concordat audit verify</c> makes offline, made here over the hub's own proofs. Thread safe.
/// </summary>
public static class AuditEvidence
{
    /// <summary>Checks <paramref name="checkpoint"/>'s signature and that the log still has its root at its size.</summary>
    public static async Task<CheckpointCheck> CheckAsync(IAuditLog log, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var signed = log.PublicKey.Verify(checkpoint);
        var root = await log.GetRootHashAsync(checkpoint.TreeSize, cancellationToken);
        return new CheckpointCheck(checkpoint, signed, root.IsSuccess && root.Value.AsSpan().SequenceEqual(checkpoint.RootHash));
    }

    /// <summary>The first signed checkpoint whose tree holds entry <paramref name="index"/>, or null while none does.</summary>
    public static async Task<Checkpoint?> FirstCoveringAsync(IAuditLog log, long index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var found = await log.ListCheckpointsAsync(index, 1, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Proves <paramref name="entry"/> is in the tree of <paramref name="checkpoint"/>, which must cover it, and checks the proof.</summary>
    public static async Task<EntryProof> ProveAsync(IAuditLog log, LoggedAuditEntry entry, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(entry.Index, checkpoint.TreeSize);
        var check = await CheckAsync(log, checkpoint, cancellationToken);
        var proof = await log.GetInclusionProofAsync(entry.Index, checkpoint.TreeSize, cancellationToken);
        IReadOnlyList<byte[]> hashes = proof.IsSuccess ? proof.Value.Hashes : [];
        // The entry as read must be what its leaf hash was taken over, and the path must lead from that leaf to the signed root.
        var leaf = MerkleHashes.Leaf(AuditEntryCodec.Encode(entry.Index, entry.Entry));
        var included = proof.IsSuccess
            && leaf.AsSpan().SequenceEqual(entry.LeafHash)
            && MerkleProofs.VerifyInclusion(entry.Index, checkpoint.TreeSize, leaf, hashes, checkpoint.RootHash);
        return new EntryProof(entry, check, hashes, included);
    }

    /// <summary>Whether the tree of <paramref name="later"/> extends the tree of <paramref name="earlier"/> (an RFC 9162 consistency proof, checked).</summary>
    public static async Task<bool> ExtendsAsync(IAuditLog log, Checkpoint earlier, Checkpoint later, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if (earlier.TreeSize == later.TreeSize)
        {
            return earlier.RootHash.AsSpan().SequenceEqual(later.RootHash);
        }

        var proof = await log.GetConsistencyProofAsync(earlier.TreeSize, later.TreeSize, cancellationToken);
        return proof.IsSuccess && MerkleProofs.VerifyConsistency(earlier.TreeSize, later.TreeSize, proof.Value.Hashes, earlier.RootHash, later.RootHash);
    }
}
