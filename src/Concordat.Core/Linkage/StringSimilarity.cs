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
