namespace Concordat.Core.Linkage;

/// <summary>How records are grouped into clusters from their scored pairs.</summary>
public enum ClusterMethod
{
    /// <summary>
    /// Records joined by any chain of pairs at or above the threshold (transitive closure): A-B and B-C put A and C
    /// together however clearly A and C differ.
    /// </summary>
    ConnectedComponents,

    /// <summary>
    /// Within each connected component, every pair of its records is scored (not only the blocked ones) and groups
    /// are merged by average linkage, best first, only while some pair between two groups reaches the threshold and
    /// the average match weight over every pair between them is at least
    /// <see cref="LinkageClusters.DefaultMinAverageWeight"/> bits; a record that clearly differs from most of a chain
    /// stays apart. Components of more than <see cref="LinkageClusters.MaxRescoredComponent"/> records use only their
    /// scored pairs.
    /// </summary>
    AverageLinkage,
}
