namespace Concordat.Core.Linkage;

/// <summary>
/// What the model's own match probabilities say about accuracy, with no truth needed: if the probabilities are
/// right, a pair at p is a true match with chance p, so the pairs at or above a threshold hold, in expectation, the
/// sum of their probabilities in true matches and the rest in false ones. Only as good as the model's calibration:
/// comparisons that are not independent given the match status (a NINO and an NHS number copied from one source)
/// make it optimistic.
/// </summary>
public sealed record AccuracyEstimate
{
    /// <summary>One row per threshold, highest first.</summary>
    public required IReadOnlyList<ThresholdEstimate> Thresholds { get; init; }

    /// <summary>
    /// Expected true matches among every candidate pair, counting pairs cut short at their upper bound (so recall
    /// below is a lower estimate when some were cut short). Matches blocking never proposed are not included.
    /// </summary>
    public required double ExpectedCandidateMatches { get; init; }

    /// <summary>The part of <see cref="ExpectedCandidateMatches"/> that is only an upper bound (pairs cut short).</summary>
    public required double CutShortBound { get; init; }

    /// <summary>The lowest threshold that can be estimated exactly: the probability from which pairs were kept.</summary>
    public double LowestThreshold { get; init; }
}
