namespace Concordat.Core.Linkage;

/// <summary>
/// The candidate pairs a run kept, with their match weights and comparison levels: rows (left &lt; right), weight in
/// bits and probability. A run keeps every candidate pair unless it was asked to keep only pairs from some
/// probability up (<see cref="PredictOptions.KeepFrom"/>); <see cref="Distribution"/> still describes every
/// candidate. Immutable; safe to read from many threads.
/// </summary>
public sealed class ScoredPairs
{
    internal ScoredPairs(int[] left, int[] right, float[] weights, byte[] levels, int comparisonCount, IReadOnlyList<long> pairsPerRule, WeightDistribution distribution, double? keptFrom)
    {
        LeftRows = left;
        RightRows = right;
        Weights = weights;
        Levels = levels;
        ComparisonCount = comparisonCount;
        PairsPerRule = pairsPerRule;
        Distribution = distribution;
        KeptFrom = keptFrom;
    }

    /// <summary>Pairs kept.</summary>
    public int Count => LeftRows.Length;

    /// <summary>Candidate pairs blocking proposed and scoring saw, kept or not.</summary>
    public long CandidateCount => PairsPerRule.Sum();

    /// <summary>New candidate pairs each prediction blocking rule contributed, in rule order.</summary>
    public IReadOnlyList<long> PairsPerRule { get; }

    /// <summary>The match weights of every candidate pair, kept or not.</summary>
    public WeightDistribution Distribution { get; }

    /// <summary>The match probability from which pairs were kept; null when every candidate was kept.</summary>
    public double? KeptFrom { get; }

    internal int[] LeftRows { get; }

    internal int[] RightRows { get; }

    internal float[] Weights { get; }

    internal byte[] Levels { get; }

    internal int ComparisonCount { get; }

    /// <summary>The left row of pair <paramref name="index"/>.</summary>
    public int Left(int index) => LeftRows[index];

    /// <summary>The right row of pair <paramref name="index"/>.</summary>
    public int Right(int index) => RightRows[index];

    /// <summary>The match weight of pair <paramref name="index"/> in bits (log2 of the odds of a match).</summary>
    public double Weight(int index) => Weights[index];

    /// <summary>The match probability of pair <paramref name="index"/>.</summary>
    public double Probability(int index) => ProbabilityOf(Weights[index]);

    /// <summary>The level index (0 null, last else) of comparison <paramref name="comparison"/> for pair <paramref name="index"/>.</summary>
    public int Level(int index, int comparison) => Levels[((long)index * ComparisonCount) + comparison];

    /// <summary>Converts a match weight to a probability: 2^w / (1 + 2^w).</summary>
    public static double ProbabilityOf(double weight) => 1.0 / (1.0 + double.Exp2(-weight));

    /// <summary>Converts a probability to a match weight.</summary>
    public static double WeightOf(double probability) => Math.Log2(probability / (1 - probability));
}
