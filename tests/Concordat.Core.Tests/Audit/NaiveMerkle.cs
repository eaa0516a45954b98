using System.Security.Cryptography;

namespace Concordat.Core.Tests.Audit;

/// <summary>RFC 9162's recursive definitions written out literally over whole arrays: slow, obviously right, the reference.</summary>
internal static class NaiveMerkle
{
    public static byte[] Leaf(byte[] data) => SHA256.HashData([0x00, .. data]);

    public static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    public static byte[] Mth(byte[][] leaves)
    {
        if (leaves.Length == 0)
        {
            return SHA256.HashData(Array.Empty<byte>());
        }

        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = K(leaves.Length);
        return Node(Mth(leaves[..k]), Mth(leaves[k..]));
    }

    public static List<byte[]> Path(int m, byte[][] leaves)
    {
        if (leaves.Length == 1)
        {
            return [];
        }

        var k = K(leaves.Length);
        return m < k
            ? [.. Path(m, leaves[..k]), Mth(leaves[k..])]
            : [.. Path(m - k, leaves[k..]), Mth(leaves[..k])];
    }

    /// <summary>For each hash of PATH(m, D[n]), whether that sibling sits on the right: all a verifier learns from the size.</summary>
    public static List<bool> Shape(int m, int n)
    {
        if (n == 1)
        {
            return [];
        }

        var k = K(n);
        return m < k ? [.. Shape(m, k), true] : [.. Shape(m - k, n - k), false];
    }

    public static List<byte[]> Proof(int m, byte[][] leaves) => m == 0 ? [] : SubProof(m, leaves, true);

    private static List<byte[]> SubProof(int m, byte[][] leaves, bool b)
    {
        var n = leaves.Length;
        if (m == n)
        {
            return b ? [] : [Mth(leaves)];
        }

        var k = K(n);
        return m <= k
            ? [.. SubProof(m, leaves[..k], b), Mth(leaves[k..])]
            : [.. SubProof(m - k, leaves[k..], false), Mth(leaves[..k])];
    }

    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
