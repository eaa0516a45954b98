namespace Concordat.Core.Linkage;

/// <summary>
/// Accuracy against a ground-truth column. Pairwise figures count every truly matching pair the link type allows,
/// so pairs that blocking never proposed count as missed. Cluster figures compare the clusters at the threshold
/// with the true groups.
/// </summary>
public sealed record LinkageEvaluation
{
    /// <summary>Truly matching pairs the link type allows.</summary>
    public required long TruePairs { get; init; }

    /// <summary>Truly matching pairs among the blocked candidates (blocking recall = this / <see cref="TruePairs"/>).</summary>
    public required long TruePairsBlocked { get; init; }

    /// <summary>The probability threshold the figures below are for.</summary>
    public required double Threshold { get; init; }

    /// <summary>Pairwise precision, recall and F1 at <see cref="Threshold"/>.</summary>
    public required PairwiseScore AtThreshold { get; init; }

    /// <summary>The threshold (a match probability) that maximises pairwise F1.</summary>
    public required double BestThreshold { get; init; }

    /// <summary>Pairwise precision, recall and F1 at <see cref="BestThreshold"/>.</summary>
    public required PairwiseScore AtBestThreshold { get; init; }

    /// <summary>Precision, recall and F1 of the pairs implied by the clusters at <see cref="Threshold"/> (transitive closure).</summary>
    public required PairwiseScore Clusters { get; init; }

    /// <summary>Predicted clusters at <see cref="Threshold"/>.</summary>
    public required int PredictedClusters { get; init; }

    /// <summary>True groups (people).</summary>
    public required int TrueClusters { get; init; }

    /// <summary>True groups reproduced exactly by one predicted cluster.</summary>
    public required int ExactClusters { get; init; }

    /// <summary>Measured pairwise accuracy at the standard thresholds and the run's, highest first.</summary>
    public IReadOnlyList<ThresholdScore> ByThreshold { get; init; } = [];

    /// <summary>How the clusters were formed.</summary>
    public ClusterMethod ClusterMethod { get; init; }

    /// <summary>
    /// Cluster-level precision, recall and F1: a predicted cluster counts as right only when it is exactly a true
    /// group (precision = exact / predicted clusters, recall = exact / true groups; single records count too).
    /// </summary>
    public PairwiseScore ExactClusterScore => new(ExactClusters, PredictedClusters - ExactClusters, TrueClusters - ExactClusters);
}
