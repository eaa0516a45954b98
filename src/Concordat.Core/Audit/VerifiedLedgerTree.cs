using System.Globalization;
using System.Security.Cryptography;

namespace Concordat.Core.Audit;

/// <summary>
/// The engine's view of a ledger: the Merkle tree of every entry it has read or written, each re-hashed as it was
/// read, the latest stored checkpoint it has checked against that tree, and the failure that locked it, if any.
/// Only rows that pass the checks enter the tree, so proofs and roots built from it are of verified data. Not thread
/// safe: <see cref="AuditEngine"/> serialises every call.
/// </summary>
internal sealed class VerifiedLedgerTree
{
    private const int ReadPage = 8192;
    private const int CheckpointPage = 256;
    private readonly IAuditLedger _ledger;
    private readonly AuditPublicKey _key;

    public VerifiedLedgerTree(IAuditLedger ledger, AuditPublicKey key)
    {
        _ledger = ledger;
        _key = key;
    }

    /// <summary>The verified tree.</summary>
    public MerkleTree Tree { get; } = new();

    /// <summary>The largest stored checkpoint checked against <see cref="Tree"/>: the entries below its size are covered by a signature.</summary>
    public Checkpoint? Covered { get; set; }

    /// <summary>Tree size of <see cref="Covered"/>, or -1.</summary>
    public long CoveredSize => Covered?.TreeSize ?? -1;

    /// <summary>The first failure found; never cleared.</summary>
    public AuditLogFailure? Failure { get; private set; }

    /// <summary>Records a failure unless one is already recorded (the first is the one to investigate).</summary>
    public void Fail(string code, string expected, string found, long? index) => Fail(new AuditLogFailure(code, expected, found, index));

    /// <summary>Records a failure unless one is already recorded.</summary>
    public void Fail(AuditLogFailure failure) => Failure ??= failure;

    /// <summary>Reads every row after the tree's size, checking each follows the last and matches its leaf hash.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (Failure is null)
        {
            var page = await _ledger.ReadAsync(Tree.Size, ReadPage, cancellationToken);
            foreach (var row in page)
            {
                if (!Accept(row))
                {
                    return;
                }
            }

            if (page.Count < ReadPage)
            {
                return;
            }
        }
    }

    /// <summary>Checks every stored checkpoint above <see cref="CoveredSize"/> against the tree, catching up first when one covers entries not yet read.</summary>
    public async Task CheckNewCheckpointsAsync(CancellationToken cancellationToken)
    {
        while (Failure is null)
        {
            var page = await _ledger.ListCheckpointsAsync(CoveredSize, CheckpointPage, cancellationToken);
            foreach (var checkpoint in page)
            {
                if (checkpoint.TreeSize > Tree.Size)
                {
                    await CatchUpAsync(cancellationToken);
                }

                if (!Check(checkpoint, "a checkpoint in the ledger"))
                {
                    return;
                }

                Covered = checkpoint;
            }

            if (page.Count < CheckpointPage)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Whether a checkpoint is signed by this log's key and states the root of the tree at its size; records the
    /// failure when not. The caller catches up first when the checkpoint may cover entries not yet read.
    /// </summary>
    public bool Check(Checkpoint checkpoint, string what)
    {
        if (!_key.Verify(checkpoint))
        {
            Fail("checkpoint.forged", $"{what} at size {N(checkpoint.TreeSize)} signed with key {_key.KeyId}.",
                $"its signature does not verify (it names key {checkpoint.KeyId}): it was forged or altered.", null);
            return false;
        }

        return CheckRoot(checkpoint, what);
    }

    /// <summary>Whether the tree's root at the checkpoint's size is the signed root; records the failure when not.</summary>
    public bool CheckRoot(Checkpoint checkpoint, string what)
    {
        if (checkpoint.TreeSize > Tree.Size)
        {
            Fail("log.truncated", $"at least {N(checkpoint.TreeSize)} entries ({what} covers them).",
                $"{N(Tree.Size)} entries in the ledger: entries have been removed.", Tree.Size);
            return false;
        }

        var root = Tree.RootHash(checkpoint.TreeSize);
        if (!CryptographicOperations.FixedTimeEquals(root, checkpoint.RootHash))
        {
            Fail("checkpoint.mismatch", $"root {B64(checkpoint.RootHash)} at size {N(checkpoint.TreeSize)} ({what}, signed {Time(checkpoint)}).",
                $"root {B64(root)} computed from the ledger's entries: an entry before index {N(checkpoint.TreeSize)} was altered, removed or reordered, and its leaf hash rewritten to match.", null);
            return false;
        }

        return true;
    }

    /// <summary>Whether two checkpoints are the same signed statement.</summary>
    public static bool Same(Checkpoint a, Checkpoint b) =>
        a.TreeSize == b.TreeSize && a.Origin == b.Origin && a.KeyId == b.KeyId && a.Time == b.Time
        && a.RootHash.AsSpan().SequenceEqual(b.RootHash) && a.Signature.AsSpan().SequenceEqual(b.Signature);

    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string B64(byte[] hash) => Convert.ToBase64String(hash);

    public static string Time(Checkpoint checkpoint) => checkpoint.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private bool Accept(StoredAuditEntry row)
    {
        var expected = Tree.Size;
        if (row.Index != expected)
        {
            Fail("entry.missing", $"entry {N(expected)} next in the ledger.", $"entry {N(row.Index)}: the entries between have been removed.", expected);
            return false;
        }

        Span<byte> leaf = stackalloc byte[MerkleHashes.Size];
        MerkleHashes.Leaf(row.Entry, leaf);
        if (!leaf.SequenceEqual(row.LeafHash))
        {
            Fail("entry.altered", $"entry {N(expected)} to hash to its stored leaf hash.", "content that hashes to something else: the entry has been altered.", expected);
            return false;
        }

        Tree.Append(leaf);
        return true;
    }
}
