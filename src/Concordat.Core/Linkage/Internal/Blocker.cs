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

            // Reuses the part's array for the combined key, numbered densely in order of first appearance.
            var ids = new LongIdTable(Math.Min(acc.Length, (int)Math.Min(int.MaxValue, (long)accCount * partCount)));
            for (var row = 0; row < acc.Length; row++)
            {
                part[row] = acc[row] < 0 || part[row] < 0 ? -1 : ids.GetOrAdd(((long)acc[row] * partCount) + part[row]);
            }

            acc = part;
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
            return ((int[])ids.Clone(), column.ValueCount);
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
        EarlierRules earlier,
        int[] sources,
        LinkType linkType,
        double keepFraction,
        ulong seed,
        CancellationToken cancellationToken,
        bool[]? involving = null)
    {
        var threshold = keepFraction >= 1 ? ulong.MaxValue : (ulong)(keepFraction * ulong.MaxValue);
        var lists = Scan(groups, earlier, sources, linkType, involving, () => new SampledPairs(threshold, seed), cancellationToken);
        return PairList.Concat([.. lists.Select(l => l.Pairs)]);
    }

    /// <summary>The number of pairs of the grouped rule that no earlier rule found, without building them.</summary>
    public static long Count(BlockGroups groups, EarlierRules earlier, int[] sources, LinkType linkType, CancellationToken cancellationToken) =>
        Scan(groups, earlier, sources, linkType, null, () => new PairCounter(), cancellationToken).Sum(c => c.Count);

    /// <summary>
    /// Hands every pair of the grouped rule that no earlier rule found (and, with <paramref name="involving"/>, that
    /// has a marked row) to a sink, in parallel: the groups are cut into a fixed number of chunks, each chunk gets
    /// its own sink from <paramref name="create"/>, and the sinks come back in chunk order, so results are
    /// deterministic whatever the scheduling.
    /// </summary>
    public static TSink[] Scan<TSink>(
        BlockGroups groups,
        EarlierRules earlier,
        int[] sources,
        LinkType linkType,
        bool[]? involving,
        Func<TSink> create,
        CancellationToken cancellationToken)
        where TSink : class, IPairSink
    {
        var groupCount = groups.GroupCount;
        var sinks = new TSink[Chunks];
        Parallel.For(0, Chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
        {
            var sink = create();
            var from = (int)((long)groupCount * chunk / Chunks);
            var to = (int)((long)groupCount * (chunk + 1) / Chunks);
            var rows = groups.Rows;
            var link = linkType == LinkType.Link;
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
                        if (link && sources[left] == sources[right])
                        {
                            continue;
                        }

                        if (involving is not null && !involving[left] && !involving[right])
                        {
                            continue;
                        }

                        if (earlier.Found(left, right))
                        {
                            continue;
                        }

                        sink.Add(left, right);
                    }
                }

                if ((g & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            sinks[chunk] = sink;
        });

        return sinks;
    }

    /// <summary>SplitMix64 finaliser: a well-mixed 64-bit hash.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private sealed class SampledPairs(ulong threshold, ulong seed) : IPairSink
    {
        public PairList Pairs { get; } = new();

        public void Add(int left, int right)
        {
            if (threshold != ulong.MaxValue && Mix(seed ^ (((ulong)(uint)left << 32) | (uint)right)) > threshold)
            {
                return;
            }

            Pairs.Add(left, right);
        }
    }

    private sealed class PairCounter : IPairSink
    {
        public long Count { get; private set; }

        public void Add(int left, int right) => Count++;
    }
}
