namespace Concordat.Core.Linkage;

/// <summary>The expected accuracy of linking every candidate pair at or above one threshold.</summary>
/// <param name="Threshold">The match probability.</param>
/// <param name="Pairs">Candidate pairs at or above it.</param>
/// <param name="ExpectedMatches">Sum of their probabilities: the true matches expected among them.</param>
/// <param name="ExpectedFalse">Pairs minus expected matches: the false links expected among them.</param>
/// <param name="ExpectedPrecision">Expected matches over pairs (1 when there are none).</param>
/// <param name="ExpectedRecall">Expected matches over the expected matches among all candidate pairs.</param>
public sealed record ThresholdEstimate(double Threshold, long Pairs, double ExpectedMatches, double ExpectedFalse, double ExpectedPrecision, double ExpectedRecall);
