namespace Concordat.Core.Audit;

/// <summary>
/// An append-only Merkle tree held in memory as every complete subtree hash, level by level (level 0 the leaves,
/// level h the hashes of aligned blocks of 2^h leaves): about 64 bytes per leaf. Any subtree hash the RFC 9162
/// proofs need is then at most O(log n) node hashes away, so roots of past sizes, inclusion proofs and consistency
/// proofs are produced without reading the log. Not thread safe: the owner serialises appends and reads.
/// </summary>
public sealed class MerkleTree
{
    private readonly List<Level> _levels = [new Level()];

    /// <summary>Number of leaves.</summary>
    public long Size => _levels[0].Count;

    /// <summary>Appends a leaf hash (32 bytes) and updates the complete subtrees it finishes.</summary>
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleHashes.Size)
        {
            throw new ArgumentException($"A leaf hash is {MerkleHashes.Size} bytes.", nameof(leafHash));
        }

        _levels[0].Add(leafHash);
        Span<byte> parent = stackalloc byte[MerkleHashes.Size];
        for (var height = 0; (_levels[height].Count & 1) == 0; height++)
        {
            var level = _levels[height];
            MerkleHashes.Node(level.At(level.Count - 2), level.At(level.Count - 1), parent);
            if (_levels.Count == height + 1)
            {
                _levels.Add(new Level());
            }

            _levels[height + 1].Add(parent);
        }
    }

    /// <summary>The leaf hash at <paramref name="index"/>.</summary>
    public byte[] LeafHash(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        return _levels[0].At(index).ToArray();
    }

    /// <summary>Copies the leaf hashes from <paramref name="start"/> on into <paramref name="destination"/>, 32 bytes each, as many as it holds.</summary>
    public void CopyLeafHashes(long start, Span<byte> destination)
    {
        var count = destination.Length / MerkleHashes.Size;
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Size, nameof(destination));
        for (var i = 0; i < count; i++)
        {
            _levels[0].At(start + i).CopyTo(destination.Slice(i * MerkleHashes.Size, MerkleHashes.Size));
        }
    }

    /// <summary>The root hash of the first <paramref name="size"/> leaves (0 to <see cref="Size"/>).</summary>
    public byte[] RootHash(long size)
    {
        CheckSize(size, nameof(size));
        return size == 0 ? MerkleHashes.EmptyRoot() : RangeHash(0, size);
    }

    /// <summary>
    /// The audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves:
    /// PATH(m, D[n]) of RFC 9162 section 2.1.3.1, nearest the leaf first.
    /// </summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        CheckSize(size, nameof(size));
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var proof = new List<byte[]>();
        Path(index, 0, size, proof);
        return proof;
    }

    /// <summary>
    /// The proof that the tree of <paramref name="oldSize"/> leaves is a prefix of the tree of <paramref name="newSize"/>
    /// leaves: PROOF(m, D[n]) of RFC 9162 section 2.1.4.1. Empty when the old size is 0 or the sizes are equal.
    /// </summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize)
    {
        CheckSize(newSize, nameof(newSize));
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var proof = new List<byte[]>();
        if (oldSize > 0)
        {
            SubProof(oldSize, 0, newSize, complete: true, proof);
        }

        return proof;
    }

    /// <summary>MTH of the leaves in [start, end); every range the RFC recursion visits is cheap to hash here.</summary>
    internal byte[] RangeHash(long start, long end)
    {
        var count = end - start;
        if (long.IsPow2(count) && start % count == 0)
        {
            var height = long.TrailingZeroCount(count);
            return _levels[(int)height].At(start >> (int)height).ToArray();
        }

        var k = MerkleHashes.SplitPoint(count);
        return MerkleHashes.Node(RangeHash(start, start + k), RangeHash(start + k, end));
    }

    private void Path(long index, long start, long end, List<byte[]> proof)
    {
        var count = end - start;
        if (count == 1)
        {
            return;
        }

        var k = MerkleHashes.SplitPoint(count);
        if (index < k)
        {
            Path(index, start, start + k, proof);
            proof.Add(RangeHash(start + k, end));
        }
        else
        {
            Path(index - k, start + k, end, proof);
            proof.Add(RangeHash(start, start + k));
        }
    }

    private void SubProof(long m, long start, long end, bool complete, List<byte[]> proof)
    {
        var count = end - start;
        if (m == count)
        {
            if (!complete)
            {
                proof.Add(RangeHash(start, end));
            }

            return;
        }

        var k = MerkleHashes.SplitPoint(count);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, proof);
            proof.Add(RangeHash(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, complete: false, proof);
            proof.Add(RangeHash(start, start + k));
        }
    }

    private void CheckSize(long size, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size, name);
    }

    /// <summary>One level's hashes in chunks, so growing never copies the whole level.</summary>
    private sealed class Level
    {
        private const int ChunkShift = 15;
        private const int ChunkHashes = 1 << ChunkShift;
        private readonly List<byte[]> _chunks = [];

        public long Count { get; private set; }

        public void Add(ReadOnlySpan<byte> hash)
        {
            var offset = (int)(Count & (ChunkHashes - 1));
            if (offset == 0)
            {
                _chunks.Add(new byte[ChunkHashes * MerkleHashes.Size]);
            }

            hash.CopyTo(_chunks[^1].AsSpan(offset * MerkleHashes.Size, MerkleHashes.Size));
            Count++;
        }

        public ReadOnlySpan<byte> At(long index) =>
            _chunks[(int)(index >> ChunkShift)].AsSpan((int)(index & (ChunkHashes - 1)) * MerkleHashes.Size, MerkleHashes.Size);
    }
}
