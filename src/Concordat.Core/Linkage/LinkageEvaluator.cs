namespace Concordat.Core.Linkage;

/// <summary>Scores predictions against the ground-truth column loaded with the data. Pure and thread safe.</summary>
public static class LinkageEvaluator
{
    /// <summary>Evaluates <paramref name="pairs"/> at <paramref name="threshold"/> and finds the F1-best threshold.</summary>
    /// <exception cref="ArgumentException">The data was loaded without a truth column.</exception>
    public static LinkageEvaluation Evaluate(LinkageData data, ScoredPairs pairs, LinkType linkType, double threshold) =>
        Evaluate(data, pairs, linkType, threshold, null);

    /// <summary>
    /// Like <see cref="Evaluate(LinkageData, ScoredPairs, LinkType, double)"/>, scoring the given clusters (by default the
    /// connected components at the threshold).
    /// </summary>
    public static LinkageEvaluation Evaluate(LinkageData data, ScoredPairs pairs, LinkType linkType, double threshold, LinkageClusters? clusters)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(pairs);
        var truth = data.Truth ?? throw new ArgumentException("The data has no truth column.", nameof(data));
        var sources = data.Sources;
        var truePairs = CountTruePairs(truth, sources, linkType, data.InputCount, out var trueGroups);

        var matches = new bool[pairs.Count];
        long blocked = 0;
        for (var p = 0; p < pairs.Count; p++)
        {
            var a = truth[pairs.Left(p)];
            matches[p] = a >= 0 && a == truth[pairs.Right(p)];
            if (matches[p])
            {
                blocked++;
            }
        }

        var order = new int[pairs.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = new float[pairs.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = -pairs.WeightOfPair(i);
        }

        Array.Sort(keys, order);
        long tp = 0, fp = 0;
        var best = new PairwiseScore(0, 0, truePairs);
        var bestWeight = double.PositiveInfinity;
        for (var i = 0; i < order.Length; i++)
        {
            if (matches[order[i]])
            {
                tp++;
            }
            else
            {
                fp++;
            }

            // Only a cut between distinct weights is a threshold a user can choose.
            if (i + 1 < order.Length && keys[i + 1] == keys[i])
            {
                continue;
            }

            var score = new PairwiseScore(tp, fp, truePairs - tp);
            if (score.F1 > best.F1)
            {
                best = score;
                bestWeight = -keys[i];
            }
        }

        var minWeight = ScoredPairs.WeightOf(Math.Clamp(threshold, 1e-12, 1 - 1e-12));
        long tpAt = 0, fpAt = 0;
        for (var p = 0; p < pairs.Count; p++)
        {
            if (pairs.WeightOfPair(p) >= (float)minWeight)
            {
                if (matches[p])
                {
                    tpAt++;
                }
                else
                {
                    fpAt++;
                }
            }
        }

        // Measured at the same thresholds the model's own estimate reports, for a side-by-side view.
        var byThreshold = new List<ThresholdScore>();
        foreach (var t in LinkageAccuracyEstimator.StandardThresholds.Append(threshold).Distinct().OrderDescending())
        {
            var w = (float)ScoredPairs.WeightOf(Math.Clamp(t, 1e-12, 1 - 1e-12));
            long tpT = 0, fpT = 0;
            for (var p = 0; p < pairs.Count; p++)
            {
                if (pairs.WeightOfPair(p) >= w)
                {
                    if (matches[p])
                    {
                        tpT++;
                    }
                    else
                    {
                        fpT++;
                    }
                }
            }

            byThreshold.Add(new ThresholdScore(t, new PairwiseScore(tpT, fpT, truePairs - tpT), blocked == 0 ? 1 : (double)tpT / blocked));
        }

        clusters ??= LinkageClusters.Build(pairs, data.RecordCount, threshold);
        var (clusterScore, exact) = ScoreClusters(clusters, truth, sources, linkType, data.InputCount, truePairs);
        return new LinkageEvaluation
        {
            TruePairs = truePairs,
            TruePairsBlocked = blocked,
            Threshold = threshold,
            AtThreshold = new PairwiseScore(tpAt, fpAt, truePairs - tpAt),
            BestThreshold = double.IsPositiveInfinity(bestWeight) ? 1.0 : ScoredPairs.ProbabilityOf(bestWeight),
            AtBestThreshold = best,
            Clusters = clusterScore,
            PredictedClusters = clusters.Count,
            TrueClusters = trueGroups,
            ExactClusters = exact,
            ClusterMethod = clusters.Method,
            ByThreshold = byThreshold,
        };
    }

    // Pairs within groups of equal key, counting only the pairs the link type allows (across inputs for Link).
    private static long PairsWithin(int[] key, int[] sources, LinkType linkType, int inputCount, out int groups)
    {
        var byKey = new Dictionary<int, long[]>();
        for (var row = 0; row < key.Length; row++)
        {
            if (key[row] < 0)
            {
                continue;
            }

            if (!byKey.TryGetValue(key[row], out var counts))
            {
                byKey[key[row]] = counts = new long[inputCount];
            }

            counts[sources[row]]++;
        }

        groups = byKey.Count;
        long total = 0;
        foreach (var counts in byKey.Values)
        {
            var n = counts.Sum();
            total += linkType == LinkType.Link ? ((n * n) - counts.Sum(c => c * c)) / 2 : n * (n - 1) / 2;
        }

        return total;
    }

    private static long CountTruePairs(int[] truth, int[] sources, LinkType linkType, int inputCount, out int groups) =>
        PairsWithin(truth, sources, linkType, inputCount, out groups);

    private static (PairwiseScore Score, int Exact) ScoreClusters(LinkageClusters clusters, int[] truth, int[] sources, LinkType linkType, int inputCount, long truePairs)
    {
        var cluster = new int[truth.Length];
        for (var row = 0; row < truth.Length; row++)
        {
            cluster[row] = clusters.Of(row);
        }

        var predicted = PairsWithin(cluster, sources, linkType, inputCount, out _);

        // Cells of the cluster x truth contingency table: pairs in the same cluster and the same true group.
        var cell = new int[truth.Length];
        // Keyed by the tuple, whose hash mixes both ids: cluster and truth ids are often equal, and a long key's
        // hash (low ^ high) would then collide for every row.
        var cellIds = new Dictionary<(int Cluster, int Truth), int>();
        for (var row = 0; row < truth.Length; row++)
        {
            if (truth[row] < 0)
            {
                cell[row] = -1;
                continue;
            }

            var key = (cluster[row], truth[row]);
            if (!cellIds.TryGetValue(key, out var id))
            {
                id = cellIds.Count;
                cellIds[key] = id;
            }

            cell[row] = id;
        }

        var tp = PairsWithin(cell, sources, linkType, inputCount, out _);

        // A true group is reproduced exactly when all its rows share one cluster holding nothing else.
        var clusterSize = new int[clusters.Count];
        foreach (var c in cluster)
        {
            clusterSize[c]++;
        }

        var groupCluster = new Dictionary<int, (int Cluster, int Size, bool Split)>();
        for (var row = 0; row < truth.Length; row++)
        {
            if (truth[row] < 0)
            {
                continue;
            }

            if (groupCluster.TryGetValue(truth[row], out var g))
            {
                groupCluster[truth[row]] = (g.Cluster, g.Size + 1, g.Split || g.Cluster != cluster[row]);
            }
            else
            {
                groupCluster[truth[row]] = (cluster[row], 1, false);
            }
        }

        var exact = groupCluster.Values.Count(g => !g.Split && clusterSize[g.Cluster] == g.Size);
        return (new PairwiseScore(tp, predicted - tp, truePairs - tp), exact);
    }
}
