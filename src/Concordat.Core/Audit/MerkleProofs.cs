using System.Security.Cryptography;

namespace Concordat.Core.Audit;

/// <summary>
/// Verification of inclusion and consistency proofs with the algorithms of RFC 9162 sections 2.1.3.2 and 2.1.4.2.
/// Pure and thread safe; every method answers false (never throws) for a proof that does not verify, including
/// malformed hashes and out-of-range sizes.
/// </summary>
public static class MerkleProofs
{
    /// <summary>Whether <paramref name="proof"/> shows the leaf at <paramref name="index"/> is in the tree of <paramref name="treeSize"/> leaves with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= treeSize || leafHash.Length != MerkleHashes.Size || root.Length != MerkleHashes.Size || !AllHashes(proof))
        {
            return false;
        }

        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHashes.Node(p, r, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHashes.Node(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>
    /// Whether <paramref name="proof"/> shows the tree of <paramref name="oldSize"/> leaves with <paramref name="oldRoot"/>
    /// is a prefix of the tree of <paramref name="newSize"/> leaves with <paramref name="newRoot"/>. Equal sizes need an
    /// empty proof and equal roots; an old size of 0 needs an empty proof.
    /// </summary>
    public static bool VerifyConsistency(long oldSize, long newSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 0 || oldSize > newSize || oldRoot.Length != MerkleHashes.Size || newRoot.Length != MerkleHashes.Size || !AllHashes(proof))
        {
            return false;
        }

        if (oldSize == 0)
        {
            return proof.Count == 0;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(oldRoot, newRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = proof;
        if (long.IsPow2(oldSize))
        {
            path = [oldRoot.ToArray(), .. proof];
        }

        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0].ToArray();
        var sr = path[0].ToArray();
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHashes.Node(c, fr, fr);
                MerkleHashes.Node(c, sr, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHashes.Node(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, oldRoot) && CryptographicOperations.FixedTimeEquals(sr, newRoot);
    }

    private static bool AllHashes(IReadOnlyList<byte[]> proof)
    {
        foreach (var hash in proof)
        {
            if (hash is null || hash.Length != MerkleHashes.Size)
            {
                return false;
            }
        }

        return true;
    }
}
