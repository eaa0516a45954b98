namespace Concordat.Core.Linkage;

/// <summary>
/// Candidate pairs from blocking with their match weights: rows (left &lt; right), weight in bits and probability.
/// Immutable; safe to read from many threads.
/// </summary>
public sealed class ScoredPairs
{
    internal ScoredPairs(int[] left, int[] right, float[] weights, byte[] levels, int comparisonCount, IReadOnlyList<long> pairsPerRule)
    {
        LeftRows = left;
        RightRows = right;
        Weights = weights;
        Levels = levels;
        ComparisonCount = comparisonCount;
        PairsPerRule = pairsPerRule;
    }

    /// <summary>Pairs scored.</summary>
    public int Count => LeftRows.Length;

    /// <summary>New pairs each prediction blocking rule contributed, in rule order.</summary>
    public IReadOnlyList<long> PairsPerRule { get; }

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
    public static double ProbabilityOf(double weight) => 1.0 / (1.0 + Math.Pow(2, -weight));

    /// <summary>Converts a probability to a match weight.</summary>
    public static double WeightOf(double probability) => Math.Log2(probability / (1 - probability));
}
