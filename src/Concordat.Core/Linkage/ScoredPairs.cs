using Concordat.Core.Linkage.Internal;

namespace Concordat.Core.Linkage;

/// <summary>
/// The candidate pairs a run kept, with their match weights and comparison levels: rows (left &lt; right), weight in
/// bits and probability. A run keeps every candidate pair unless it was asked to keep only pairs from some
/// probability up (<see cref="PredictOptions.KeepFrom"/>); <see cref="Distribution"/> still describes every
/// candidate. Pairs spilled to disk under a memory bound live in a temporary file until disposed. Immutable; safe
/// to read from many threads.
/// </summary>
public sealed class ScoredPairs : IDisposable
{
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly float[] _weights;
    private readonly byte[] _levels;
    private readonly PairSpill? _spill;
    private readonly long _spilled;

    internal ScoredPairs(int[] left, int[] right, float[] weights, byte[] levels, int comparisonCount, IReadOnlyList<long> pairsPerRule, WeightDistribution distribution, double? keptFrom, PairSpill? spill = null)
    {
        _left = left;
        _right = right;
        _weights = weights;
        _levels = levels;
        _spill = spill;
        _spilled = spill?.Count ?? 0;
        if (_spilled + left.Length > int.MaxValue)
        {
            throw new InvalidOperationException("Too many pairs kept; keep pairs from a higher probability.");
        }

        ComparisonCount = comparisonCount;
        PairsPerRule = pairsPerRule;
        Distribution = distribution;
        KeptFrom = keptFrom;
    }

    /// <summary>Pairs kept.</summary>
    public int Count => (int)_spilled + _left.Length;

    /// <summary>Kept pairs held on disk (a memory-mapped file) because memory ran short; 0 when all are in memory.</summary>
    public long SpilledCount => _spilled;

    /// <summary>Candidate pairs blocking proposed and scoring saw, kept or not.</summary>
    public long CandidateCount => PairsPerRule.Sum();

    /// <summary>New candidate pairs each prediction blocking rule contributed, in rule order.</summary>
    public IReadOnlyList<long> PairsPerRule { get; }

    /// <summary>The match weights of every candidate pair, kept or not.</summary>
    public WeightDistribution Distribution { get; }

    /// <summary>The match probability from which pairs were kept; null when every candidate was kept.</summary>
    public double? KeptFrom { get; }

    internal int ComparisonCount { get; }

    /// <summary>The left row of pair <paramref name="index"/>.</summary>
    public int Left(int index) => index < _spilled ? _spill!.Left(index) : _left[index - _spilled];

    /// <summary>The right row of pair <paramref name="index"/>.</summary>
    public int Right(int index) => index < _spilled ? _spill!.Right(index) : _right[index - _spilled];

    /// <summary>The match weight of pair <paramref name="index"/> in bits (log2 of the odds of a match).</summary>
    public double Weight(int index) => WeightOfPair(index);

    /// <summary>The match probability of pair <paramref name="index"/>.</summary>
    public double Probability(int index) => ProbabilityOf(WeightOfPair(index));

    /// <summary>The level index (0 null, last else) of comparison <paramref name="comparison"/> for pair <paramref name="index"/>.</summary>
    public int Level(int index, int comparison) =>
        index < _spilled ? _spill!.Level(index, comparison) : _levels[((index - _spilled) * ComparisonCount) + comparison];

    /// <summary>The stored (single precision) weight of pair <paramref name="index"/>.</summary>
    internal float WeightOfPair(int index) => index < _spilled ? _spill!.Weight(index) : _weights[index - _spilled];

    /// <summary>Closes and deletes the file of spilled pairs, if any; in-memory pairs need no disposing.</summary>
    public void Dispose() => _spill?.Dispose();

    /// <summary>Converts a match weight to a probability: 2^w / (1 + 2^w).</summary>
    public static double ProbabilityOf(double weight) => 1.0 / (1.0 + double.Exp2(-weight));

    /// <summary>Converts a probability to a match weight.</summary>
    public static double WeightOf(double probability) => Math.Log2(probability / (1 - probability));
}
