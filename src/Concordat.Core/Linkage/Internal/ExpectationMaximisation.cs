namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// Estimates m-probabilities by expectation-maximisation over pattern counts, with u fixed (from random sampling)
/// and the comparisons of the blocking rule's own columns left out: within a block they agree by construction and
/// say nothing about m.
/// </summary>
internal static class ExpectationMaximisation
{
    private const double Floor = 1e-6;

    /// <summary>Runs EM; returns the m of each included comparison (null for excluded ones) and the in-block match share.</summary>
    public static (double[]?[] M, double Lambda, int Iterations) Run(
        PatternCounts counts,
        double[][] initialM,
        double[][] u,
        bool[] included,
        int maxIterations)
    {
        var width = u.Length;
        var m = initialM.Select(a => (double[])a.Clone()).ToArray();
        var lambda = 0.05;
        var iterations = 0;
        var logRatios = new double[width][];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            iterations++;
            for (var c = 0; c < width; c++)
            {
                logRatios[c] = [.. m[c].Select((mv, l) => l == 0 ? 0 : Math.Log(mv / u[c][l]))];
            }

            var sums = m.Select(a => new double[a.Length]).ToArray();
            double matched = 0;
            double total = 0;
            var priorLog = Math.Log(lambda / (1 - lambda));
            for (var p = 0; p < counts.Patterns.Length; p++)
            {
                var pattern = counts.Patterns[p];
                var logOdds = priorLog;
                for (var c = 0; c < width; c++)
                {
                    if (included[c])
                    {
                        logOdds += logRatios[c][pattern[c]];
                    }
                }

                var probability = 1.0 / (1.0 + Math.Exp(-logOdds));
                var n = counts.Counts[p];
                matched += n * probability;
                total += n;
                for (var c = 0; c < width; c++)
                {
                    sums[c][pattern[c]] += n * probability;
                }
            }

            var change = 0.0;
            for (var c = 0; c < width; c++)
            {
                if (!included[c])
                {
                    continue;
                }

                var nonNull = sums[c].Skip(1).Sum();
                if (nonNull <= 0)
                {
                    continue;
                }

                for (var l = 1; l < m[c].Length; l++)
                {
                    var next = Math.Max(Floor, sums[c][l] / nonNull);
                    change = Math.Max(change, Math.Abs(next - m[c][l]));
                    m[c][l] = next;
                }
            }

            lambda = Math.Clamp(matched / total, 1e-9, 1 - 1e-9);
            if (change < 1e-5)
            {
                break;
            }
        }

        return ([.. m.Select((a, c) => included[c] ? a : null)], lambda, iterations);
    }
}
