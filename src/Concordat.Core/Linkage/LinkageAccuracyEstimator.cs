namespace Concordat.Core.Linkage;

/// <summary>Expected precision and recall per threshold from a run's match probabilities alone. Pure; thread safe.</summary>
public static class LinkageAccuracyEstimator
{
    /// <summary>The thresholds reported when none are named.</summary>
    public static IReadOnlyList<double> StandardThresholds { get; } = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999];

    /// <summary>
    /// Estimates accuracy at each of <paramref name="thresholds"/> (those below the probability the run kept pairs
    /// from are left out, since pairs under it were not all scored in full).
    /// </summary>
    public static AccuracyEstimate Estimate(ScoredPairs pairs, IEnumerable<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(thresholds);
        var distribution = pairs.Distribution;
        var total = distribution.ProbabilitySums.Sum() + distribution.CutShortProbabilityBound;
        var lowest = pairs.KeptFrom ?? 0;

        // Kept pairs carry exact weights: sort their probabilities once, highest first.
        var probabilities = new double[pairs.Count];
        for (var p = 0; p < probabilities.Length; p++)
        {
            probabilities[p] = pairs.Probability(p);
        }

        Array.Sort(probabilities);
        Array.Reverse(probabilities);
        var prefix = new double[probabilities.Length + 1];
        for (var i = 0; i < probabilities.Length; i++)
        {
            prefix[i + 1] = prefix[i] + probabilities[i];
        }

        var rows = new List<ThresholdEstimate>();
        foreach (var threshold in thresholds.Where(t => t is > 0 and < 1 && t >= lowest).Distinct().OrderDescending())
        {
            // The pairs at or above the threshold are a prefix of the sorted probabilities.
            var count = CountAtLeast(probabilities, threshold);
            var expected = prefix[count];
            rows.Add(new ThresholdEstimate(
                threshold,
                count,
                expected,
                count - expected,
                count == 0 ? 1 : expected / count,
                total <= 0 ? 1 : Math.Min(1, expected / total)));
        }

        return new AccuracyEstimate
        {
            Thresholds = rows,
            ExpectedCandidateMatches = total,
            CutShortBound = distribution.CutShortProbabilityBound,
            LowestThreshold = lowest,
        };
    }

    // Probabilities are sorted descending: the first index whose value is below the threshold.
    private static int CountAtLeast(double[] descending, double threshold)
    {
        int lo = 0, hi = descending.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (descending[mid] >= threshold)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
