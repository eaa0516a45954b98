using Concordat.Core.Linkage.Internal;

namespace Concordat.Core.Tests.Linkage;

public sealed class ExpectationMaximisationTests
{
    // Three comparisons with known m and u (level 0 is null, unused here); 10% of pairs match.
    private static readonly double[][] TrueM = [[0, 0.9, 0.07, 0.03], [0, 0.85, 0.15], [0, 0.7, 0.2, 0.1]];
    private static readonly double[][] TrueU = [[0, 0.01, 0.04, 0.95], [0, 0.05, 0.95], [0, 0.02, 0.08, 0.9]];

    private static PatternCounts Sample(int pairs, double lambda, int seed)
    {
        var random = new Random(seed);
        var levels = new byte[pairs * TrueM.Length];
        for (var p = 0; p < pairs; p++)
        {
            var match = random.NextDouble() < lambda;
            for (var c = 0; c < TrueM.Length; c++)
            {
                var probabilities = match ? TrueM[c] : TrueU[c];
                var draw = random.NextDouble();
                var level = 1;
                var cumulative = probabilities[1];
                while (draw > cumulative && level < probabilities.Length - 1)
                {
                    level++;
                    cumulative += probabilities[level];
                }

                levels[(p * TrueM.Length) + c] = (byte)level;
            }
        }

        return PatternCounts.From(levels, TrueM.Length, pairs);
    }

    [Fact]
    public void Recovers_known_m_probabilities_and_match_share()
    {
        var counts = Sample(200_000, 0.1, seed: 7);
        double[][] initial = [[0, 0.6, 0.2, 0.2], [0, 0.6, 0.4], [0, 0.5, 0.3, 0.2]];
        var (m, lambda, _) = ExpectationMaximisation.Run(counts, initial, TrueU, [true, true, true], maxIterations: 200);

        Assert.Equal(0.1, lambda, 2);
        for (var c = 0; c < TrueM.Length; c++)
        {
            for (var l = 1; l < TrueM[c].Length; l++)
            {
                Assert.True(Math.Abs(TrueM[c][l] - m[c]![l]) < 0.02, $"comparison {c} level {l}: {m[c]![l]:0.000} vs {TrueM[c][l]}");
            }
        }
    }

    [Fact]
    public void Leaves_out_comparisons_of_the_blocking_columns()
    {
        var counts = Sample(50_000, 0.2, seed: 3);
        double[][] initial = [[0, 0.6, 0.2, 0.2], [0, 0.6, 0.4], [0, 0.5, 0.3, 0.2]];
        var (m, _, _) = ExpectationMaximisation.Run(counts, initial, TrueU, [true, false, true], maxIterations: 100);

        Assert.Null(m[1]);
        Assert.NotNull(m[0]);
        Assert.True(Math.Abs(m[0]![1] - 0.9) < 0.03);
    }

    [Fact]
    public void Pattern_counts_group_identical_comparison_vectors()
    {
        byte[] levels = [1, 2, 1, 2, 3, 1, 1, 2];
        var counts = PatternCounts.From(levels, width: 2, count: 4);
        Assert.Equal(4, counts.Total);
        Assert.Equal(2, counts.Patterns.Length);
        var index = Array.FindIndex(counts.Patterns, p => p[0] == 1 && p[1] == 2);
        Assert.Equal(3, counts.Counts[index]);
    }
}
