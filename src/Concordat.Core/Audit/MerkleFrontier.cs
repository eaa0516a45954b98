namespace Concordat.Core.Audit;

/// <summary>
/// The compact right edge of an append-only Merkle tree: one hash per complete (power-of-two) subtree, at most 64,
/// so a root can be computed over any number of leaves in O(log n) memory. Used to stream-verify an exported log.
/// Not thread safe.
/// </summary>
public sealed class MerkleFrontier
{
    private const int MaxHeight = 64;
    private readonly byte[] _hashes = new byte[MaxHeight * MerkleHashes.Size];
    private readonly int[] _heights = new int[MaxHeight];
    private int _count;

    /// <summary>Leaves appended so far.</summary>
    public long Size { get; private set; }

    /// <summary>Appends one leaf hash (32 bytes).</summary>
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleHashes.Size)
        {
            throw new ArgumentException($"A leaf hash is {MerkleHashes.Size} bytes.", nameof(leafHash));
        }

        leafHash.CopyTo(Slot(_count));
        _heights[_count] = 0;
        _count++;
        // Merge equal-height neighbours: the subtree sizes stay the binary digits of Size, largest on the left.
        while (_count >= 2 && _heights[_count - 1] == _heights[_count - 2])
        {
            MerkleHashes.Node(Slot(_count - 2), Slot(_count - 1), Slot(_count - 2));
            _heights[_count - 2]++;
            _count--;
        }

        Size++;
    }

    /// <summary>The root hash of the leaves appended so far (MTH); the empty tree's root when none were.</summary>
    public byte[] Root()
    {
        if (_count == 0)
        {
            return MerkleHashes.EmptyRoot();
        }

        // MTH splits at the largest power of two, so folding the complete subtrees from the right gives the root.
        var root = Slot(_count - 1).ToArray();
        for (var i = _count - 2; i >= 0; i--)
        {
            MerkleHashes.Node(Slot(i), root, root);
        }

        return root;
    }

    private Span<byte> Slot(int i) => _hashes.AsSpan(i * MerkleHashes.Size, MerkleHashes.Size);
}
