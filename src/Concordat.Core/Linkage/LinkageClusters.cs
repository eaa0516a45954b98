namespace Concordat.Core.Linkage;

/// <summary>
/// Records grouped into clusters: connected components of the pairs at or above a match probability, found with
/// union-find (path halving, union by size), optionally split by average linkage (<see cref="ClusterMethod"/>).
/// Cluster ids are dense, numbered in order of each cluster's first row.
/// </summary>
public sealed class LinkageClusters
{
    private readonly int[] _cluster;

    /// <summary>Largest component whose every pair is scored for average linkage; larger ones use their scored pairs only.</summary>
    public const int MaxRescoredComponent = 200;

    private LinkageClusters(int[] cluster, int count, double threshold, ClusterMethod method = ClusterMethod.ConnectedComponents)
    {
        _cluster = cluster;
        Count = count;
        Threshold = threshold;
        Method = method;
    }

    /// <summary>How the clusters were formed.</summary>
    public ClusterMethod Method { get; }

    /// <summary>Clusters, including single records.</summary>
    public int Count { get; }

    /// <summary>The match probability at or above which pairs were joined.</summary>
    public double Threshold { get; }

    /// <summary>The cluster of each row.</summary>
    public IReadOnlyList<int> ByRow => _cluster;

    /// <summary>The cluster of row <paramref name="row"/>.</summary>
    public int Of(int row) => _cluster[row];

    /// <summary>Joins every pair whose probability is at least <paramref name="threshold"/>.</summary>
    public static LinkageClusters Build(ScoredPairs pairs, int recordCount, double threshold)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var minWeight = (float)ScoredPairs.WeightOf(Math.Clamp(threshold, 1e-12, 1 - 1e-12));
        var parent = new int[recordCount];
        var size = new int[recordCount];
        for (var i = 0; i < recordCount; i++)
        {
            parent[i] = i;
            size[i] = 1;
        }

        for (var p = 0; p < pairs.Count; p++)
        {
            if (pairs.WeightOfPair(p) < minWeight)
            {
                continue;
            }

            var a = Find(parent, pairs.Left(p));
            var b = Find(parent, pairs.Right(p));
            if (a == b)
            {
                continue;
            }

            if (size[a] < size[b])
            {
                (a, b) = (b, a);
            }

            parent[b] = a;
            size[a] += size[b];
        }

        var roots = new int[recordCount];
        for (var row = 0; row < recordCount; row++)
        {
            roots[row] = Find(parent, row);
        }

        var (cluster, count) = Renumber(roots);
        return new LinkageClusters(cluster, count, threshold);
    }

    /// <summary>
    /// The least average match weight, in bits, between two groups that average linkage still merges: the evidence
    /// across them may lean mildly against a match (odds down to 1 in 32), not more.
    /// </summary>
    public const double DefaultMinAverageWeight = -5;

    /// <summary>
    /// Splits the connected components at <paramref name="threshold"/> by average linkage: within each component,
    /// groups start as single records; two groups merge, highest average first, when some pair between them reaches
    /// the threshold and the average match weight over every pair between them is at least
    /// <paramref name="minAverageWeight"/> bits. <paramref name="weigh"/> gives the match weight of any two rows (NaN
    /// for a pair that may not be compared); components up to <see cref="MaxRescoredComponent"/> records have every
    /// pair weighed, larger ones average over the pairs the run kept.
    /// </summary>
    public static LinkageClusters BuildAverageLinkage(ScoredPairs pairs, int recordCount, double threshold, Func<int, int, double> weigh, double minAverageWeight = DefaultMinAverageWeight)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(weigh);
        var components = Build(pairs, recordCount, threshold);
        var members = new List<int>[components.Count];
        for (var row = 0; row < recordCount; row++)
        {
            (members[components.Of(row)] ??= []).Add(row);
        }

        var minWeight = ScoredPairs.WeightOf(Math.Clamp(threshold, 1e-12, 1 - 1e-12));
        var scored = new Dictionary<(int, int), double>();
        var large = members.Any(m => m.Count > MaxRescoredComponent);
        if (large)
        {
            // Only components too large to weigh in full need the pairs the run kept.
            for (var p = 0; p < pairs.Count; p++)
            {
                if (members[components.Of(pairs.Left(p))].Count > MaxRescoredComponent)
                {
                    scored[(pairs.Left(p), pairs.Right(p))] = pairs.Weight(p);
                }
            }
        }

        var roots = new int[recordCount];
        Parallel.For(0, members.Length, c =>
        {
            var rows = members[c];
            if (rows.Count <= 2)
            {
                foreach (var row in rows)
                {
                    roots[row] = rows[0];
                }

                return;
            }

            var groups = AverageLinkage(rows, minWeight, minAverageWeight, rows.Count <= MaxRescoredComponent ? weigh : (a, b) => scored.TryGetValue((Math.Min(a, b), Math.Max(a, b)), out var w) ? w : double.NaN);
            for (var i = 0; i < rows.Count; i++)
            {
                roots[rows[i]] = rows[groups[i]];
            }
        });

        var (cluster, count) = Renumber(roots);
        return new LinkageClusters(cluster, count, threshold, ClusterMethod.AverageLinkage);
    }

    // Hierarchical agglomeration with average linkage (Lance-Williams update), best average first. Two groups may
    // merge only when at least one pair between them reaches linkWeight (so the result only ever splits connected
    // components) and the average over the known pairs between them reaches minAverage. A weight of NaN means unknown
    // and is left out. Returns, per member, the index of its group's surviving member.
    private static int[] AverageLinkage(List<int> rows, double linkWeight, double minAverage, Func<int, int, double> weigh)
    {
        var k = rows.Count;
        var sum = new double[k, k];
        var known = new int[k, k];
        var max = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = i + 1; j < k; j++)
            {
                var w = weigh(Math.Min(rows[i], rows[j]), Math.Max(rows[i], rows[j]));
                max[i, j] = max[j, i] = double.IsNaN(w) ? double.NegativeInfinity : w;
                if (!double.IsNaN(w))
                {
                    sum[i, j] = sum[j, i] = w;
                    known[i, j] = known[j, i] = 1;
                }
            }
        }

        var group = new int[k];
        var alive = new bool[k];
        for (var i = 0; i < k; i++)
        {
            group[i] = i;
            alive[i] = true;
        }

        while (true)
        {
            int bestI = -1, bestJ = -1;
            var best = double.NegativeInfinity;
            for (var i = 0; i < k; i++)
            {
                if (!alive[i])
                {
                    continue;
                }

                for (var j = i + 1; j < k; j++)
                {
                    if (!alive[j] || known[i, j] == 0 || max[i, j] < linkWeight)
                    {
                        continue;
                    }

                    var average = sum[i, j] / known[i, j];
                    if (average >= minAverage && average > best)
                    {
                        best = average;
                        (bestI, bestJ) = (i, j);
                    }
                }
            }

            if (bestI < 0)
            {
                break;
            }

            // Group j joins group i; sums, counts and best links of the pairs add up, so averages stay exact.
            alive[bestJ] = false;
            for (var m = 0; m < k; m++)
            {
                if (group[m] == bestJ)
                {
                    group[m] = bestI;
                }

                if (alive[m] && m != bestI)
                {
                    max[bestI, m] = max[m, bestI] = Math.Max(max[bestI, m], max[bestJ, m]);
                    sum[bestI, m] = sum[m, bestI] = sum[bestI, m] + sum[bestJ, m];
                    known[bestI, m] = known[m, bestI] = known[bestI, m] + known[bestJ, m];
                }
            }
        }

        return group;
    }

    private static (int[] Cluster, int Count) Renumber(int[] roots)
    {
        var ids = new int[roots.Length];
        Array.Fill(ids, -1);
        var cluster = new int[roots.Length];
        var count = 0;
        for (var row = 0; row < roots.Length; row++)
        {
            var root = roots[row];
            if (ids[root] < 0)
            {
                ids[root] = count++;
            }

            cluster[row] = ids[root];
        }

        return (cluster, count);
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }
}
