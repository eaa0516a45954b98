namespace Concordat.Core.Linkage;

/// <summary>Measured pairwise accuracy at one threshold.</summary>
/// <param name="Threshold">The match probability.</param>
/// <param name="Score">Pairs at or above it against the truth (false negatives include pairs blocking missed).</param>
/// <param name="RecallOfBlocked">True pairs at or above it over the true pairs blocking proposed.</param>
public sealed record ThresholdScore(double Threshold, PairwiseScore Score, double RecallOfBlocked);
