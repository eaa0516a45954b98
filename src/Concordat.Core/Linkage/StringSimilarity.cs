using System.Buffers;

namespace Concordat.Core.Linkage;

/// <summary>
/// String similarity and distance measures used by comparison levels. Every method is pure, thread safe and
/// allocation free for strings of up to 64 characters (longer strings rent from the shared array pool). Strings are
/// compared ordinally, character by character; standardise case and spacing before calling.
/// </summary>
public static class StringSimilarity
{
    private const int StackLimit = 64;

    /// <summary>
    /// Jaro similarity in [0, 1]: 1 for equal strings, 0 when no characters match within the window of
    /// <c>max(|a|, |b|) / 2 - 1</c> positions. Two empty strings are equal (1).
    /// </summary>
    public static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 1.0;
        }

        if (a.IsEmpty || b.IsEmpty)
        {
            return 0.0;
        }

        if (a.Length > b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }

        var window = Math.Max(0, (b.Length / 2) - 1);
        bool[]? rentedA = null;
        bool[]? rentedB = null;
        var matchedA = a.Length <= StackLimit ? stackalloc bool[a.Length] : (rentedA = ArrayPool<bool>.Shared.Rent(a.Length)).AsSpan(0, a.Length);
        var matchedB = b.Length <= StackLimit ? stackalloc bool[b.Length] : (rentedB = ArrayPool<bool>.Shared.Rent(b.Length)).AsSpan(0, b.Length);
        matchedA.Clear();
        matchedB.Clear();
        try
        {
            var matches = 0;
            for (var i = 0; i < a.Length; i++)
            {
                var from = Math.Max(0, i - window);
                var to = Math.Min(b.Length - 1, i + window);
                for (var j = from; j <= to; j++)
                {
                    if (!matchedB[j] && a[i] == b[j])
                    {
                        matchedA[i] = true;
                        matchedB[j] = true;
                        matches++;
                        break;
                    }
                }
            }

            if (matches == 0)
            {
                return 0.0;
            }

            var halfTranspositions = 0;
            var k = 0;
            for (var i = 0; i < a.Length; i++)
            {
                if (!matchedA[i])
                {
                    continue;
                }

                while (!matchedB[k])
                {
                    k++;
                }

                if (a[i] != b[k])
                {
                    halfTranspositions++;
                }

                k++;
            }

            double m = matches;
            return ((m / a.Length) + (m / b.Length) + ((m - (halfTranspositions / 2)) / m)) / 3.0;
        }
        finally
        {
            if (rentedA is not null)
            {
                ArrayPool<bool>.Shared.Return(rentedA);
            }

            if (rentedB is not null)
            {
                ArrayPool<bool>.Shared.Return(rentedB);
            }
        }
    }

    /// <summary>
    /// Jaro-Winkler similarity in [0, 1] (Winkler 1990): the Jaro similarity raised for a common prefix of up to four
    /// characters with scaling factor 0.1, applied when the Jaro similarity exceeds 0.7. MARTHA/MARHTA gives 0.961.
    /// </summary>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var jaro = Jaro(a, b);
        if (jaro <= 0.7)
        {
            return jaro;
        }

        var limit = Math.Min(4, Math.Min(a.Length, b.Length));
        var prefix = 0;
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1.0 - jaro));
    }

    /// <summary>Levenshtein distance: the fewest single-character insertions, deletions and substitutions.</summary>
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }

        if (b.IsEmpty)
        {
            return a.Length;
        }

        int[]? rented = null;
        var row = b.Length + 1 <= StackLimit ? stackalloc int[b.Length + 1] : (rented = ArrayPool<int>.Shared.Rent(b.Length + 1)).AsSpan(0, b.Length + 1);
        try
        {
            for (var j = 0; j <= b.Length; j++)
            {
                row[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                var diagonal = row[0];
                row[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var above = row[j];
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    row[j] = Math.Min(Math.Min(above + 1, row[j - 1] + 1), diagonal + cost);
                    diagonal = above;
                }
            }

            return row[b.Length];
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Damerau-Levenshtein distance in its optimal-string-alignment form: Levenshtein plus the transposition of two
    /// adjacent characters as one edit, no substring edited twice (so CA/ABC is 3, not 2). The form record linkage
    /// uses, because keying slips swap neighbours.
    /// </summary>
    public static int DamerauLevenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty)
        {
            return b.Length;
        }

        if (b.IsEmpty)
        {
            return a.Length;
        }

        var width = b.Length + 1;
        int[]? rented = null;
        var rows = 3 * width <= 3 * StackLimit ? stackalloc int[3 * width] : (rented = ArrayPool<int>.Shared.Rent(3 * width)).AsSpan(0, 3 * width);
        try
        {
            var previous2 = rows[..width];
            var previous = rows.Slice(width, width);
            var current = rows.Slice(2 * width, width);
            for (var j = 0; j < width; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        best = Math.Min(best, previous2[j - 2] + 1);
                    }

                    current[j] = best;
                }

                var recycled = previous2;
                previous2 = previous;
                previous = current;
                current = recycled;
            }

            return previous[b.Length];
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Jaccard similarity in [0, 1] of the sets of character bigrams of the two strings (|A ∩ B| / |A ∪ B|); a
    /// one-character string is its own single gram. NIGHT/NACHT share one of seven bigrams: 1/7.
    /// </summary>
    public static double Jaccard(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 1.0;
        }

        if (a.IsEmpty || b.IsEmpty)
        {
            return 0.0;
        }

        int[]? rentedA = null;
        int[]? rentedB = null;
        var countA = Math.Max(1, a.Length - 1);
        var countB = Math.Max(1, b.Length - 1);
        var gramsA = countA <= StackLimit ? stackalloc int[countA] : (rentedA = ArrayPool<int>.Shared.Rent(countA)).AsSpan(0, countA);
        var gramsB = countB <= StackLimit ? stackalloc int[countB] : (rentedB = ArrayPool<int>.Shared.Rent(countB)).AsSpan(0, countB);
        try
        {
            var distinctA = Grams(a, gramsA);
            var distinctB = Grams(b, gramsB);
            var sa = gramsA[..distinctA];
            var sb = gramsB[..distinctB];
            int i = 0, j = 0, common = 0;
            while (i < sa.Length && j < sb.Length)
            {
                if (sa[i] == sb[j])
                {
                    common++;
                    i++;
                    j++;
                }
                else if (sa[i] < sb[j])
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            return (double)common / (sa.Length + sb.Length - common);
        }
        finally
        {
            if (rentedA is not null)
            {
                ArrayPool<int>.Shared.Return(rentedA);
            }

            if (rentedB is not null)
            {
                ArrayPool<int>.Shared.Return(rentedB);
            }
        }
    }

    /// <summary>
    /// Whether the Levenshtein distance is at most <paramref name="max"/>; computes only the diagonal band of width
    /// 2 * max + 1 and stops as soon as every cell of a row exceeds <paramref name="max"/>, so unlike strings are
    /// rejected after a few characters.
    /// </summary>
    public static bool LevenshteinAtMost(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max) =>
        BandedDistance(a, b, max, transpositions: false) <= max;

    /// <summary>Whether the optimal-string-alignment Damerau-Levenshtein distance is at most <paramref name="max"/> (banded, early exit).</summary>
    public static bool DamerauLevenshteinAtMost(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max) =>
        BandedDistance(a, b, max, transpositions: true) <= max;

    /// <summary>
    /// Jaccard similarity of two sorted arrays of distinct grams, as <see cref="BigramSet"/> makes: the same result
    /// as the string overload, without recomputing the grams.
    /// </summary>
    public static double Jaccard(ReadOnlySpan<int> sa, ReadOnlySpan<int> sb)
    {
        if (sa.IsEmpty || sb.IsEmpty)
        {
            return sa.IsEmpty && sb.IsEmpty ? 1.0 : 0.0;
        }

        int i = 0, j = 0, common = 0;
        while (i < sa.Length && j < sb.Length)
        {
            if (sa[i] == sb[j])
            {
                common++;
                i++;
                j++;
            }
            else if (sa[i] < sb[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)common / (sa.Length + sb.Length - common);
    }

    /// <summary>The sorted distinct character bigrams of <paramref name="s"/>, each packed into an int.</summary>
    public static int[] BigramSet(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return [];
        }

        var grams = new int[Math.Max(1, s.Length - 1)];
        var n = Grams(s, grams);
        return n == grams.Length ? grams : grams[..n];
    }

    /// <summary>
    /// An upper bound on the Jaro similarity from character counts alone: no more characters can match than the two
    /// strings have in common. Cheap; used to skip the full computation when even the bound is below a threshold.
    /// </summary>
    public static double JaroUpperBound(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return a.IsEmpty && b.IsEmpty ? 1.0 : 0.0;
        }

        Span<int> counts = stackalloc int[64];
        counts.Clear();
        foreach (var c in a)
        {
            counts[c & 63]++;
        }

        var common = 0;
        foreach (var c in b)
        {
            if (counts[c & 63]-- > 0)
            {
                common++;
            }
        }

        // Distinct characters can share a bucket, so this over-counts matches: still an upper bound.
        if (common == 0)
        {
            return 0.0;
        }

        return (((double)common / a.Length) + ((double)common / b.Length) + 1.0) / 3.0;
    }

    private static int BandedDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max, bool transpositions)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (max == 1)
        {
            return WithinOne(a, b, transpositions) ? 1 : 2;
        }

        if (a.IsEmpty || b.IsEmpty)
        {
            return Math.Max(a.Length, b.Length);
        }

        var width = b.Length + 1;
        const int big = int.MaxValue / 2;
        int[]? rented = null;
        var rows = 3 * width <= 3 * StackLimit ? stackalloc int[3 * width] : (rented = ArrayPool<int>.Shared.Rent(3 * width)).AsSpan(0, 3 * width);
        try
        {
            var previous2 = rows[..width];
            var previous = rows.Slice(width, width);
            var current = rows.Slice(2 * width, width);
            previous2.Fill(big);
            for (var j = 0; j < width; j++)
            {
                previous[j] = j <= max ? j : big;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                var from = Math.Max(1, i - max);
                var to = Math.Min(b.Length, i + max);
                current.Fill(big);
                current[0] = i <= max ? i : big;
                var rowMin = current[0];
                for (var j = from; j <= to; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                    if (transpositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        best = Math.Min(best, previous2[j - 2] + 1);
                    }

                    current[j] = best;
                    rowMin = Math.Min(rowMin, best);
                }

                if (rowMin > max)
                {
                    return max + 1;
                }

                var recycled = previous2;
                previous2 = previous;
                previous = current;
                current = recycled;
            }

            return Math.Min(previous[b.Length], max + 1);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    // Distance at most one in linear time: after the common prefix, the rests must agree after one substitution,
    // insertion, deletion or (optimal string alignment) one swap of neighbours.
    private static bool WithinOne(ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool transpositions)
    {
        var i = a.CommonPrefixLength(b);
        if (i == a.Length && i == b.Length)
        {
            return true;
        }

        if (a.Length == b.Length)
        {
            if (a[(i + 1)..].SequenceEqual(b[(i + 1)..]))
            {
                return true;
            }

            return transpositions && i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..].SequenceEqual(b[(i + 2)..]);
        }

        return a.Length > b.Length ? a[(i + 1)..].SequenceEqual(b[i..]) : a[i..].SequenceEqual(b[(i + 1)..]);
    }

    // Writes the sorted distinct bigrams of s (each two UTF-16 units packed into an int) and returns their count.
    private static int Grams(ReadOnlySpan<char> s, Span<int> grams)
    {
        if (s.Length == 1)
        {
            grams[0] = s[0];
            return 1;
        }

        for (var i = 0; i < s.Length - 1; i++)
        {
            grams[i] = (s[i] << 16) | s[i + 1];
        }

        grams.Sort();
        var distinct = 1;
        for (var i = 1; i < grams.Length; i++)
        {
            if (grams[i] != grams[distinct - 1])
            {
                grams[distinct++] = grams[i];
            }
        }

        return distinct;
    }
}
