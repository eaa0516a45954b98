using System.Security.Cryptography;
using static Concordat.Core.Audit.VerifiedLedgerTree;

namespace Concordat.Core.Audit;

/// <summary>Checkpoint signing: the signer lease, the anchor, and the checks made before every signature.</summary>
public sealed partial class AuditEngine
{
    private const int RecheckPage = 8192;

    /// <inheritdoc />
    public async Task<Checkpoint> CheckpointAsync(CancellationToken cancellationToken)
    {
        if (await TrySignAsync(cancellationToken) is { } signed)
        {
            return signed;
        }

        return await WaitForSignerAsync(cancellationToken);
    }

    /// <summary>
    /// Signs and stores a checkpoint of the current tree when this process holds (or can take) the ledger's signer
    /// lease, after checking that the tree extends the anchored checkpoint and that no entry since the last checkpoint
    /// has changed in the ledger; returns the latest checkpoint when the log has not grown. Returns null when another
    /// process holds the lease.
    /// </summary>
    /// <exception cref="AuditLogException">The log is locked (or locks now), or the checkpoint could not be stored.</exception>
    public async Task<Checkpoint?> TrySignAsync(CancellationToken cancellationToken)
    {
        await _signLock.WaitAsync(cancellationToken);
        try
        {
            if (!await HoldLeaseAsync(cancellationToken))
            {
                return null;
            }

            var (size, from, leaves, root, latest) = await SnapshotForSigningAsync(cancellationToken);
            if (latest is not null && latest.TreeSize == size)
            {
                return latest;
            }

            // Outside the tree lock, so appends go on meanwhile: the rows this hub appended or checked since the last
            // checkpoint must still be in the ledger exactly as they were.
            if (await FindRewriteAsync(from, size, leaves, cancellationToken) is { } rewrite)
            {
                await LockAsync(rewrite);
            }

            if ((_anchored ?? latest) is { } previous && previous.Origin != Origin)
            {
                throw new AuditLogException($"The log's checkpoints name origin '{previous.Origin}' but this hub is configured with '{Origin}'; set Concordat:Audit:Origin back to '{previous.Origin}'.");
            }

            var checkpoint = _key.Sign(Origin, size, root, _time.GetUtcNow());
            if (!await _lease!.IsHeldAsync(cancellationToken))
            {
                return null;
            }

            var stood = await _ledger.AddCheckpointAsync(checkpoint, CancellationToken.None);
            if (!Same(stood, checkpoint) && (!_key.PublicKey.Verify(stood) || !CryptographicOperations.FixedTimeEquals(stood.RootHash, root)))
            {
                await LockAsync(new AuditLogFailure("log.forked", $"root {B64(root)} at size {N(size)}, as this hub signed it.",
                    $"another checkpoint for that size in the ledger, root {B64(stood.RootHash)}: two different trees of the same size.", null));
            }

            var anchored = await _anchor.AdvanceAsync(stood, CancellationToken.None);
            await _treeLock.WaitAsync(CancellationToken.None);
            try
            {
                if (stood.TreeSize > _state.CoveredSize)
                {
                    _state.Covered = stood;
                }

                _anchored = anchored;
            }
            finally
            {
                _treeLock.Release();
            }

            return stood;
        }
        catch (Exception ex) when (ex is not AuditLogException and not OperationCanceledException)
        {
            throw new AuditLogException("The audit checkpoint could not be signed and stored.", ex);
        }
        finally
        {
            _signLock.Release();
        }
    }

    /// <summary>Whether this process holds the signer lease, taking it if it is free. Called under the sign lock.</summary>
    private async Task<bool> HoldLeaseAsync(CancellationToken cancellationToken)
    {
        if (_lease is not null)
        {
            if (await _lease.IsHeldAsync(cancellationToken))
            {
                return true;
            }

            await _lease.DisposeAsync();
            _lease = null;
        }

        _lease = await _ledger.TryAcquireSignerLeaseAsync(cancellationToken);
        return _lease is not null;
    }

    /// <summary>
    /// Under the tree lock: loads, reads what other writers added, checks new stored checkpoints and the anchor (which
    /// another process sharing it may have advanced), then takes what signing needs: the size, the first entry not yet
    /// covered by a checkpoint, the leaf hashes from there, the root, and the latest checked checkpoint.
    /// </summary>
    private async Task<(long Size, long From, byte[] Leaves, byte[] Root, Checkpoint? Latest)> SnapshotForSigningAsync(CancellationToken cancellationToken)
    {
        await _treeLock.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            ThrowIfFailed();
            await _state.CatchUpAsync(cancellationToken);
            await _state.CheckNewCheckpointsAsync(cancellationToken);
            await CheckAnchorAsync(cancellationToken);
            ThrowIfFailed();
            var tree = _state.Tree;
            var size = tree.Size;
            var from = Math.Max(0, _state.CoveredSize);
            var leaves = new byte[checked((int)(size - from) * MerkleHashes.Size)];
            tree.CopyLeafHashes(from, leaves);
            return (size, from, leaves, tree.RootHash(size), _state.Covered);
        }
        finally
        {
            _treeLock.Release();
        }
    }

    /// <summary>
    /// Checks the tree against the anchor: it must hold at least the anchored size, with the anchored root at that size,
    /// and the ledger must still hold that checkpoint. Reads the anchor again only when it may have moved. Called under
    /// the tree lock, after catching up.
    /// </summary>
    private async Task CheckAnchorAsync(CancellationToken cancellationToken)
    {
        Checkpoint? anchor;
        try
        {
            anchor = await _anchor.ReadAsync(cancellationToken);
        }
        catch (AuditLogException ex)
        {
            _state.Fail("anchor.invalid", $"the last signed checkpoint, readable, in {_anchor.Location}.", ex.Message, null);
            return;
        }

        if (anchor is null || (_anchored is not null && Same(anchor, _anchored)))
        {
            return;
        }

        if (!_key.PublicKey.Verify(anchor))
        {
            _state.Fail("anchor.invalid", $"a checkpoint signed with key {_key.KeyId} in {_anchor.Location}.", "one whose signature does not verify.", null);
            return;
        }

        if (anchor.TreeSize > _state.Tree.Size)
        {
            await _state.CatchUpAsync(cancellationToken);
        }

        var what = $"the last checkpoint this hub signed or checked, kept outside the database in {_anchor.Location}";
        if (!_state.CheckRoot(anchor, what))
        {
            return;
        }

        var stored = await _ledger.GetCheckpointAsync(anchor.TreeSize, cancellationToken);
        if (stored is null)
        {
            _state.Fail("checkpoint.missing", $"the checkpoint at size {N(anchor.TreeSize)} signed {Time(anchor)} ({what}) in the ledger.",
                "no checkpoint of that size: it has been deleted from the database.", null);
            return;
        }

        if (!Same(stored, anchor) && !_state.Check(stored, "the checkpoint stored at the anchored size"))
        {
            return;
        }

        if (stored.TreeSize > _state.CoveredSize)
        {
            _state.Covered = stored;
        }

        _anchored = anchor;
    }

    /// <summary>
    /// Re-reads entries [<paramref name="from"/>, <paramref name="size"/>) and compares each with the leaf hash the
    /// tree holds for it (and re-hashes its content): the failure when one was removed, replaced or altered.
    /// </summary>
    private async Task<AuditLogFailure?> FindRewriteAsync(long from, long size, byte[] leaves, CancellationToken cancellationToken)
    {
        var hash = new byte[MerkleHashes.Size];
        var expected = from;
        while (expected < size)
        {
            var page = await _ledger.ReadAsync(expected, (int)Math.Min(RecheckPage, size - expected), cancellationToken);
            if (page.Count == 0)
            {
                return new AuditLogFailure("log.truncated", $"{N(size)} entries, as appended or checked by this hub.", $"the ledger ends after {N(expected)}: entries have been removed.", expected);
            }

            foreach (var row in page)
            {
                if (expected == size)
                {
                    break;
                }

                if (row.Index != expected)
                {
                    return new AuditLogFailure("entry.missing", $"entry {N(expected)} in the ledger, as appended or checked by this hub.", $"entry {N(row.Index)} next: it has been removed.", expected);
                }

                var mine = new ArraySegment<byte>(leaves, (int)(expected - from) * MerkleHashes.Size, MerkleHashes.Size);
                MerkleHashes.Leaf(row.Entry, hash);
                if (!mine.AsSpan().SequenceEqual(row.LeafHash) || !mine.AsSpan().SequenceEqual(hash))
                {
                    return new AuditLogFailure("entry.rewritten", $"entry {N(expected)} with leaf hash {Convert.ToHexStringLower(mine)}, as this hub appended or checked it.",
                        $"stored leaf hash {Convert.ToHexStringLower(row.LeafHash)} over content hashing to {Convert.ToHexStringLower(hash)}: the entry was rewritten after it was appended.", expected);
                }

                expected++;
            }
        }

        return null;
    }

    /// <summary>Records a failure found outside the tree lock and throws it.</summary>
    private async Task LockAsync(AuditLogFailure failure)
    {
        await _treeLock.WaitAsync(CancellationToken.None);
        try
        {
            _state.Fail(failure);
            ThrowIfFailed();
        }
        finally
        {
            _treeLock.Release();
        }
    }

    /// <summary>
    /// Another process holds the signer lease: waits for it to store a checkpoint covering at least the ledger's size
    /// now, and checks that checkpoint against this engine's tree before returning it.
    /// </summary>
    private async Task<Checkpoint> WaitForSignerAsync(CancellationToken cancellationToken)
    {
        var target = await _ledger.GetSizeAsync(cancellationToken);
        var started = _time.GetTimestamp();
        while (true)
        {
            if (Failure is { } failure)
            {
                throw new AuditLogException(failure.Message);
            }

            if (await _ledger.GetLatestCheckpointAsync(cancellationToken) is { } latest && latest.TreeSize >= target)
            {
                return await CheckedAsync(latest, cancellationToken) ?? throw new AuditLogException(Failure!.Message);
            }

            if (_time.GetElapsedTime(started) >= _options.SignerWait)
            {
                throw new AuditLogException($"Another process holds the audit signer lease and has not signed the log at size {N(target)} within {_options.SignerWait.TotalSeconds:0} s.");
            }

            await Task.Delay(_options.SignerPoll, _time, cancellationToken);
        }
    }

    /// <summary>The checkpoint when it is signed by this log's key and matches the verified tree; null (and the log locked) when not.</summary>
    private async Task<Checkpoint?> CheckedAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        // The signature check is the costly part; it needs no lock.
        var signed = _key.PublicKey.Verify(checkpoint);
        await _treeLock.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            if (_state.Failure is not null)
            {
                return null;
            }

            if (checkpoint.TreeSize > _state.Tree.Size)
            {
                await _state.CatchUpAsync(cancellationToken);
            }

            var ok = signed ? _state.CheckRoot(checkpoint, "a stored checkpoint") : _state.Check(checkpoint, "a stored checkpoint");
            PublishFailure();
            return ok ? checkpoint : null;
        }
        finally
        {
            _treeLock.Release();
        }
    }
}
