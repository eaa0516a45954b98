using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// A value's characters counted into eight buckets, one byte each (capped at 255), packed in a ulong. Two sketches
/// bound string measures without reading the strings: one edit (insert, delete, substitute, swap) changes the
/// bucket counts by at most two in total, so an edit distance of at most k needs a count distance of at most 2k; and
/// the characters two strings share are at most the sum of the smaller count per bucket, which bounds Jaro.
/// </summary>
internal static class CharSketch
{
    public static ulong Of(ReadOnlySpan<char> value)
    {
        Span<byte> counts = stackalloc byte[8];
        counts.Clear();
        foreach (var c in value)
        {
            var bucket = (c ^ (c >> 3) ^ (c >> 6)) & 7;
            if (counts[bucket] < 255)
            {
                counts[bucket]++;
            }
        }

        return BitConverter.ToUInt64(counts);
    }

    /// <summary>
    /// Sum over buckets of the absolute difference of the counts; a lower bound on twice the edit distance even when
    /// a bucket saturated (a capped count differs from the other by no more than the true counts do).
    /// </summary>
    public static int Distance(ulong a, ulong b)
    {
        if (Sse2.IsSupported)
        {
            return (int)Sse2.SumAbsoluteDifferences(Vector128.CreateScalarUnsafe(a).AsByte(), Vector128.CreateScalarUnsafe(b).AsByte()).AsUInt16().ToScalar();
        }

        var sum = 0;
        for (var i = 0; i < 64; i += 8)
        {
            sum += Math.Abs((int)((a >> i) & 0xFF) - (int)((b >> i) & 0xFF));
        }

        return sum;
    }

    /// <summary>Whether a bucket reached 255, after which the counts no longer bound anything.</summary>
    public static bool Saturated(ulong a)
    {
        var t = ~a;
        return ((t - 0x0101010101010101UL) & ~t & 0x8080808080808080UL) != 0;
    }

    /// <summary>The characters counted (the length, unless a bucket saturated).</summary>
    public static int Size(ulong a) => Distance(a, 0);

    /// <summary>
    /// An upper bound on the Jaro similarity of the two strings (lengths <paramref name="lengthA"/> and
    /// <paramref name="lengthB"/>): the matching characters are at most the shared bucket counts.
    /// </summary>
    public static double JaroUpperBound(ulong a, ulong b, int lengthA, int lengthB)
    {
        if (lengthA == 0 || lengthB == 0)
        {
            return lengthA == 0 && lengthB == 0 ? 1.0 : 0.0;
        }

        // Sum of minima = (sum a + sum b - sum |a - b|) / 2.
        var common = Math.Min(Math.Min(lengthA, lengthB), (Size(a) + Size(b) - Distance(a, b)) / 2);
        return common == 0 ? 0.0 : (((double)common / lengthA) + ((double)common / lengthB) + 1.0) / 3.0;
    }
}
