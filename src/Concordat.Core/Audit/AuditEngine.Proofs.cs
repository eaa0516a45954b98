using static Concordat.Core.Audit.VerifiedLedgerTree;

namespace Concordat.Core.Audit;

/// <summary>Proofs and roots: only from the verified tree, and proofs only for signed tree sizes.</summary>
public sealed partial class AuditEngine
{
    /// <inheritdoc />
    public async Task<Result<InclusionProof>> GetInclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken)
    {
        var signed = await SignedCheckpointAsync(treeSize, "treeSize", cancellationToken);
        if (!signed.IsSuccess)
        {
            return Result<InclusionProof>.Failure(signed.Errors);
        }

        if (index < 0 || index >= treeSize)
        {
            return Error.Validation("audit.invalid_index", $"index must be from 0 to {N(treeSize - 1)} for a tree of {N(treeSize)} entries.", "index");
        }

        return await WithVerifiedTreeAsync<InclusionProof>([signed.Value], tree =>
            new InclusionProof(index, treeSize, tree.LeafHash(index), signed.Value.RootHash, tree.InclusionProof(index, treeSize)), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Result<ConsistencyProof>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            return Locked(failure);
        }

        if (oldSize <= 0 || oldSize >= newSize)
        {
            // RFC 9162 2.1.4: a consistency proof is defined for 0 < first < second; the proof of anything else is
            // empty, and a verifier following 2.1.4.2 must reject an empty proof.
            return Error.Validation("audit.invalid_consistency_range",
                "A consistency proof needs 0 < from < to (RFC 9162 section 2.1.4): there is nothing to prove from an empty tree or between equal sizes.", "from");
        }

        var older = await SignedCheckpointAsync(oldSize, "from", cancellationToken);
        if (!older.IsSuccess)
        {
            return Result<ConsistencyProof>.Failure(older.Errors);
        }

        var newer = await SignedCheckpointAsync(newSize, "to", cancellationToken);
        if (!newer.IsSuccess)
        {
            return Result<ConsistencyProof>.Failure(newer.Errors);
        }

        return await WithVerifiedTreeAsync<ConsistencyProof>([older.Value, newer.Value], tree =>
            new ConsistencyProof(oldSize, newSize, older.Value.RootHash, newer.Value.RootHash, tree.ConsistencyProof(oldSize, newSize)), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Result<byte[]>> GetRootHashAsync(long treeSize, CancellationToken cancellationToken) =>
        await WithVerifiedTreeAsync<byte[]>([], tree => treeSize < 0 || treeSize > tree.Size ? SizeError(treeSize, "treeSize") : tree.RootHash(treeSize), cancellationToken, treeSize);

    private static Error Locked(AuditLogFailure failure) => new("audit.log_locked", failure.Message, ErrorKind.Conflict);

    private static Error SizeError(long size, string target) =>
        Error.Validation("audit.invalid_tree_size", $"The log has no tree of size {N(size)}.", target);

    /// <summary>The stored checkpoint for a size, signed by this log's key; errors for a size the log does not have or has not signed.</summary>
    private async Task<Result<Checkpoint>> SignedCheckpointAsync(long treeSize, string target, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            return Locked(failure);
        }

        if (treeSize < 1)
        {
            return SizeError(treeSize, target);
        }

        if (await _ledger.GetCheckpointAsync(treeSize, cancellationToken) is { } checkpoint)
        {
            return checkpoint;
        }

        return treeSize > await _ledger.GetSizeAsync(cancellationToken)
            ? SizeError(treeSize, target)
            : Error.Validation("audit.unsigned_tree_size",
                $"No checkpoint has been signed at size {N(treeSize)}; proofs are given only for signed sizes (GET /api/v1/audit/checkpoints lists them).", target);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the verified tree after checking each checkpoint it relies on (signature outside
    /// the lock, root under it); a checkpoint that fails locks the log and the answer is <c>audit.log_locked</c>.
    /// </summary>
    private async Task<Result<T>> WithVerifiedTreeAsync<T>(Checkpoint[] basis, Func<MerkleTree, Result<T>> read, CancellationToken cancellationToken, long reach = 0)
    {
        var signed = basis.Select(_key.PublicKey.Verify).ToArray();
        await _treeLock.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            if (basis.Select(c => c.TreeSize).Append(reach).Max() > _state.Tree.Size)
            {
                await _state.CatchUpAsync(cancellationToken);
            }

            for (var i = 0; i < basis.Length && _state.Failure is null; i++)
            {
                _ = signed[i] ? _state.CheckRoot(basis[i], "a stored checkpoint") : _state.Check(basis[i], "a stored checkpoint");
            }

            PublishFailure();
            return _state.Failure is { } failure ? Locked(failure) : read(_state.Tree);
        }
        finally
        {
            _treeLock.Release();
        }
    }
}
