using Concordat.Core.Audit;
using CsCheck;

namespace Concordat.Core.Tests.Audit;

public sealed class MerkleTreeTests
{
    // The leaves and roots of the Certificate Transparency / transparency-dev known-answer tests (RFC 6962 hashing).
    private static readonly byte[][] VectorLeaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    private static readonly string[] VectorRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void Roots_of_sizes_0_to_8_match_the_known_answer_vectors()
    {
        var tree = new MerkleTree();
        var frontier = new MerkleFrontier();
        Assert.Equal(VectorRoots[0], Convert.ToHexStringLower(tree.RootHash(0)));
        Assert.Equal(VectorRoots[0], Convert.ToHexStringLower(frontier.Root()));
        for (var size = 1; size <= 8; size++)
        {
            var leaf = MerkleHashes.Leaf(VectorLeaves[size - 1]);
            tree.Append(leaf);
            frontier.Append(leaf);
            Assert.Equal(VectorRoots[size], Convert.ToHexStringLower(tree.RootHash(size)));
            Assert.Equal(VectorRoots[size], Convert.ToHexStringLower(frontier.Root()));
        }

        // Past sizes stay answerable after the tree has grown.
        for (var size = 0; size <= 8; size++)
        {
            Assert.Equal(VectorRoots[size], Convert.ToHexStringLower(tree.RootHash(size)));
        }
    }

    [Fact]
    public void Every_proof_for_sizes_up_to_64_matches_the_reference_and_verifies()
    {
        var leaves = Enumerable.Range(0, 64).Select(i => MerkleHashes.Leaf(BitConverter.GetBytes(i))).ToArray();
        var tree = Build(leaves);
        for (var n = 1; n <= 64; n++)
        {
            var root = NaiveMerkle.Mth(leaves[..n]);
            Assert.Equal(root, tree.RootHash(n));
            for (var m = 0; m < n; m++)
            {
                var path = tree.InclusionProof(m, n);
                Assert.Equal(NaiveMerkle.Path(m, leaves[..n]), path);
                Assert.True(MerkleProofs.VerifyInclusion(m, n, leaves[m], path, root), $"inclusion {m} in {n}");
            }

            for (var m = 0; m <= n; m++)
            {
                var proof = tree.ConsistencyProof(m, n);
                Assert.Equal(NaiveMerkle.Proof(m, leaves[..n]), proof);
                Assert.True(MerkleProofs.VerifyConsistency(m, n, proof, NaiveMerkle.Mth(leaves[..m]), root), $"consistency {m} to {n}");
            }
        }
    }

    private static readonly Gen<(byte[][] Leaves, int M, int N)> Trees =
        from n in Gen.Int[1, 130]
        from m in Gen.Int[0, n - 1]
        from seed in Gen.Int
        select (Enumerable.Range(0, n).Select(i => MerkleHashes.Leaf(BitConverter.GetBytes((seed * 31) + i))).ToArray(), m, n);

    [Fact]
    public void Generated_proofs_equal_the_reference_and_verify()
    {
        Trees.Sample(t =>
        {
            var tree = Build(t.Leaves);
            var root = NaiveMerkle.Mth(t.Leaves);
            Assert.Equal(root, tree.RootHash(t.N));
            var path = tree.InclusionProof(t.M, t.N);
            Assert.Equal(NaiveMerkle.Path(t.M, t.Leaves), path);
            Assert.True(MerkleProofs.VerifyInclusion(t.M, t.N, t.Leaves[t.M], path, root));
            var consistency = tree.ConsistencyProof(t.M + 1, t.N);
            Assert.Equal(NaiveMerkle.Proof(t.M + 1, t.Leaves), consistency);
            Assert.True(MerkleProofs.VerifyConsistency(t.M + 1, t.N, consistency, NaiveMerkle.Mth(t.Leaves[..(t.M + 1)]), root));
        }, iter: 2_000);
    }

    private static readonly Gen<(byte[][] Leaves, int M, int N, int Bit)> Flips =
        from t in Trees
        from bit in Gen.Int[0, 10_000]
        select (t.Leaves, t.M, t.N, bit);

    [Fact]
    public void Any_flipped_bit_in_an_inclusion_proof_its_leaf_root_index_or_size_is_rejected()
    {
        Flips.Sample(t =>
        {
            var tree = Build(t.Leaves);
            var root = tree.RootHash(t.N);
            var leaf = t.Leaves[t.M];
            var path = tree.InclusionProof(t.M, t.N).ToList();
            var fields = path.Count + 4;
            switch (t.Bit % fields)
            {
                case 0:
                    Assert.False(MerkleProofs.VerifyInclusion(t.M, t.N, Flip(leaf, t.Bit), path, root));
                    break;
                case 1:
                    Assert.False(MerkleProofs.VerifyInclusion(t.M, t.N, leaf, path, Flip(root, t.Bit)));
                    break;
                case 2:
                    var otherIndex = t.M ^ (1 << (t.Bit % 9));
                    Assert.True(otherIndex == t.M || !MerkleProofs.VerifyInclusion(otherIndex, t.N, leaf, path, root), $"index {otherIndex} accepted for {t.M} in {t.N}");
                    break;
                case 3:
                    var otherSize = t.N ^ (1 << (t.Bit % 9));
                    // A size is bound by the signed checkpoint, not the path: a size whose path has the same shape verifies too.
                    var sameShape = otherSize > t.M && NaiveMerkle.Shape(t.M, otherSize).SequenceEqual(NaiveMerkle.Shape(t.M, t.N));
                    Assert.Equal(sameShape, MerkleProofs.VerifyInclusion(t.M, otherSize, leaf, path, root));
                    break;
                default:
                    var i = (t.Bit % fields) - 4;
                    path[i] = Flip(path[i], t.Bit);
                    Assert.False(MerkleProofs.VerifyInclusion(t.M, t.N, leaf, path, root));
                    break;
            }
        }, iter: 10_000);
    }

    [Fact]
    public void Any_flipped_bit_in_a_consistency_proof_or_either_root_is_rejected()
    {
        Flips.Sample(t =>
        {
            var m = t.M + 1;
            var tree = Build(t.Leaves);
            var oldRoot = tree.RootHash(m);
            var newRoot = tree.RootHash(t.N);
            var proof = tree.ConsistencyProof(m, t.N).ToList();
            var fields = proof.Count + 2;
            switch (t.Bit % fields)
            {
                case 0:
                    Assert.False(MerkleProofs.VerifyConsistency(m, t.N, proof, Flip(oldRoot, t.Bit), newRoot));
                    break;
                case 1:
                    Assert.False(MerkleProofs.VerifyConsistency(m, t.N, proof, oldRoot, Flip(newRoot, t.Bit)));
                    break;
                default:
                    var i = (t.Bit % fields) - 2;
                    proof[i] = Flip(proof[i], t.Bit);
                    Assert.False(MerkleProofs.VerifyConsistency(m, t.N, proof, oldRoot, newRoot));
                    break;
            }
        }, iter: 10_000);
    }

    [Fact]
    public void A_consistency_proof_does_not_verify_for_other_sizes()
    {
        Trees.Sample(t =>
        {
            var m = t.M + 1;
            var tree = Build(t.Leaves);
            var proof = tree.ConsistencyProof(m, t.N);
            for (var other = 1; other <= t.N; other++)
            {
                if (other != m && !tree.RootHash(other).SequenceEqual(tree.RootHash(m)))
                {
                    Assert.False(MerkleProofs.VerifyConsistency(other, t.N, proof, tree.RootHash(other), tree.RootHash(t.N)), $"{other} accepted for {m}");
                }
            }
        }, iter: 200);
    }

    [Fact]
    public void Malformed_proofs_are_rejected_without_throwing()
    {
        var leaves = Enumerable.Range(0, 5).Select(i => MerkleHashes.Leaf([(byte)i])).ToArray();
        var tree = Build(leaves);
        var root = tree.RootHash(5);
        Assert.False(MerkleProofs.VerifyInclusion(5, 5, leaves[0], tree.InclusionProof(0, 5), root));
        Assert.False(MerkleProofs.VerifyInclusion(-1, 5, leaves[0], tree.InclusionProof(0, 5), root));
        Assert.False(MerkleProofs.VerifyInclusion(0, 5, leaves[0], [.. tree.InclusionProof(0, 5), leaves[1]], root));
        Assert.False(MerkleProofs.VerifyInclusion(0, 5, leaves[0], [new byte[31], .. tree.InclusionProof(0, 5).Skip(1)], root));
        Assert.False(MerkleProofs.VerifyConsistency(3, 5, [], tree.RootHash(3), root));
        Assert.False(MerkleProofs.VerifyConsistency(6, 5, [], root, root));
        Assert.True(MerkleProofs.VerifyConsistency(5, 5, [], root, root));
        Assert.False(MerkleProofs.VerifyConsistency(5, 5, [leaves[0]], root, root));
    }

    private static MerkleTree Build(byte[][] leaves)
    {
        var tree = new MerkleTree();
        foreach (var leaf in leaves)
        {
            tree.Append(leaf);
        }

        return tree;
    }

    private static byte[] Flip(byte[] hash, int bit)
    {
        var copy = hash.ToArray();
        copy[(bit / 8) % copy.Length] ^= (byte)(1 << (bit % 8));
        return copy;
    }
}
