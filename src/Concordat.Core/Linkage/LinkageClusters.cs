namespace Concordat.Core.Linkage;

/// <summary>
/// Records grouped into clusters: connected components of the pairs at or above a match probability, found with
/// union-find (path halving, union by size). Cluster ids are dense, numbered in order of each cluster's first row.
/// </summary>
public sealed class LinkageClusters
{
    private readonly int[] _cluster;

    private LinkageClusters(int[] cluster, int count, double threshold)
    {
        _cluster = cluster;
        Count = count;
        Threshold = threshold;
    }

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

        var ids = new int[recordCount];
        Array.Fill(ids, -1);
        var cluster = new int[recordCount];
        var count = 0;
        for (var row = 0; row < recordCount; row++)
        {
            var root = Find(parent, row);
            if (ids[root] < 0)
            {
                ids[root] = count++;
            }

            cluster[row] = ids[root];
        }

        return new LinkageClusters(cluster, count, threshold);
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
