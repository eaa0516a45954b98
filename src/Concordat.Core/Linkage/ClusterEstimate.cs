namespace Concordat.Core.Linkage;

/// <summary>
/// What the model expects of a cluster run, with no truth needed: every pair of records that share a cluster is
/// weighed, and its chance of not being a match (directly or through a chain of matches in the cluster) summed into
/// the expected false links.
/// </summary>
/// <param name="PairsWithinClusters">Pairs of records that share a cluster (in the clusters weighed).</param>
/// <param name="ExpectedFalseLinks">Sum over those pairs of one minus their chance of being a match.</param>
/// <param name="ExpectedPrecision">One minus the expected false links over the pairs (1 when there are none).</param>
/// <param name="ClustersNotWeighed">Clusters larger than <see cref="LinkageClusters.MaxRescoredComponent"/> records, left out.</param>
public sealed record ClusterEstimate(long PairsWithinClusters, double ExpectedFalseLinks, double ExpectedPrecision, int ClustersNotWeighed);
