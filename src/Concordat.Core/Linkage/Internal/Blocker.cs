namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// Blocking: records agree on a rule's keys when every key part has the same encoded value. Rows are grouped by a
/// dense key with a counting sort (no hashing of pairs); pairs are generated within groups, and a pair an earlier
/// rule already found is skipped by re-checking the earlier rules' keys, so rules are OR-ed without a pair set.
/// </summary>
internal static class Blocker
{
    private const int Chunks = 64;

    /// <summary>The dense key of every row for <paramref name="rule"/> (-1 when a part is missing) and the key count.</summary>
    public static (int[] Keys, int KeyCount) Keys(LinkageData data, BlockingRule rule)
    {
        int[]? acc = null;
        var accCount = 0;
        foreach (var key in rule.Keys)
        {
            var (part, partCount) = Part(data, key);
            if (acc is null)
            {
                acc = part;
                accCount = partCount;
                continue;
            }

            var combined = new int[acc.Length];
            var ids = new Dictionary<long, int>();
            for (var row = 0; row < acc.Length; row++)
            {
                if (acc[row] < 0 || part[row] < 0)
                {
                    combined[row] = -1;
                    continue;
                }

                var composite = ((long)acc[row] * partCount) + part[row];
                if (!ids.TryGetValue(composite, out var id))
                {
                    id = ids.Count;
                    ids[composite] = id;
                }

                combined[row] = id;
            }

            acc = combined;
            accCount = ids.Count;
        }

        return (acc!, accCount);
    }

    private static (int[] Part, int Count) Part(LinkageData data, BlockingKey key)
    {
        var column = data.Column(key.Column);
        int[]? map = key.Transform switch
        {
            BlockingKeyTransform.Value => null,
            BlockingKeyTransform.First => column.Derived(DerivedKey.First, key.Length),
            BlockingKeyTransform.Soundex => column.Derived(DerivedKey.Soundex),
            BlockingKeyTransform.Metaphone => column.Metaphones.Primary,
            BlockingKeyTransform.Year => column.Derived(DerivedKey.Year),
            BlockingKeyTransform.Sector => column.Derived(DerivedKey.Sector),
            _ => column.Derived(DerivedKey.District),
        };
        var ids = column.Ids;
        if (map is null)
        {
            return ((int[])ids.Clone(), column.Values.Length);
        }

        var part = new int[ids.Length];
        var count = 0;
        for (var row = 0; row < ids.Length; row++)
        {
            var v = ids[row] < 0 ? -1 : map[ids[row]];
            part[row] = v;
            count = Math.Max(count, v + 1);
        }

        return (part, count);
    }

    /// <summary>Pairs the rule yields before removing those of earlier rules (an upper bound, exact per rule).</summary>
    public static long Estimate(BlockGroups groups, int[] sources, LinkType linkType, int inputCount)
    {
        long total = 0;
        var perSource = new long[Math.Max(1, inputCount)];
        for (var g = 0; g < groups.GroupCount; g++)
        {
            var start = groups.Bounds[2 * g];
            var end = groups.Bounds[(2 * g) + 1];
            long n = end - start;
            if (linkType != LinkType.Link)
            {
                total += n * (n - 1) / 2;
                continue;
            }

            Array.Clear(perSource);
            for (var i = start; i < end; i++)
            {
                perSource[sources[groups.Rows[i]]]++;
            }

            var same = perSource.Sum(s => s * s);
            total += ((n * n) - same) / 2;
        }

        return total;
    }

    /// <summary>
    /// The pairs of the grouped rule that no earlier rule (in <paramref name="earlier"/>) found, in a
    /// deterministic order. With <paramref name="keepFraction"/> below 1 a deterministic pseudo-random sample is kept.
    /// </summary>
    public static (int[] Left, int[] Right) Pairs(
        BlockGroups groups,
        IReadOnlyList<int[]> earlier,
        int[] sources,
        LinkType linkType,
        double keepFraction,
        ulong seed,
        CancellationToken cancellationToken)
    {
        var groupCount = groups.GroupCount;
        var lists = new PairList[Chunks];
        var threshold = keepFraction >= 1 ? ulong.MaxValue : (ulong)(keepFraction * ulong.MaxValue);
        Parallel.For(0, Chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
        {
            var list = new PairList();
            var from = (int)((long)groupCount * chunk / Chunks);
            var to = (int)((long)groupCount * (chunk + 1) / Chunks);
            var rows = groups.Rows;
            for (var g = from; g < to; g++)
            {
                var start = groups.Bounds[2 * g];
                var end = groups.Bounds[(2 * g) + 1];
                for (var i = start; i < end; i++)
                {
                    var left = rows[i];
                    for (var j = i + 1; j < end; j++)
                    {
                        var right = rows[j];
                        if (linkType == LinkType.Link && sources[left] == sources[right])
                        {
                            continue;
                        }

                        if (FoundEarlier(earlier, left, right))
                        {
                            continue;
                        }

                        if (threshold != ulong.MaxValue && Mix(seed ^ (((ulong)(uint)left << 32) | (uint)right)) > threshold)
                        {
                            continue;
                        }

                        list.Add(left, right);
                    }
                }
            }

            lists[chunk] = list;
        });

        return PairList.Concat(lists);
    }

    private static bool FoundEarlier(IReadOnlyList<int[]> earlier, int left, int right)
    {
        for (var q = 0; q < earlier.Count; q++)
        {
            var keys = earlier[q];
            var k = keys[left];
            if (k >= 0 && k == keys[right])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>SplitMix64 finaliser: a well-mixed 64-bit hash.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
