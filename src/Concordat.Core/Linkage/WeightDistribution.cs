namespace Concordat.Core.Linkage;

/// <summary>
/// How the match weights of every candidate pair of a run are distributed, including pairs not kept: per bin of
/// <see cref="BinWidth"/> bits, the number of pairs and the sum of their match probabilities (the expected number of
/// true matches among them). Pairs that scoring stopped early, because their weight could no longer reach the lowest
/// weight the run keeps, are counted apart with an upper bound on their probability. Immutable once built.
/// </summary>
public sealed class WeightDistribution
{
    /// <summary>Width of a bin in bits.</summary>
    public const double BinWidth = 0.25;

    /// <summary>The lower edge of the first bin; lighter weights fall into it.</summary>
    public const double MinWeight = -64;

    /// <summary>Bins from <see cref="MinWeight"/> to +64 bits; heavier weights fall into the last.</summary>
    public const int BinCount = 512;

    internal WeightDistribution(long[] counts, double[] probabilitySums, long cutShort, double cutShortProbabilityBound, double cutShortWeightBound)
    {
        Counts = counts;
        ProbabilitySums = probabilitySums;
        CutShort = cutShort;
        CutShortProbabilityBound = cutShortProbabilityBound;
        CutShortWeightBound = cutShortWeightBound;
    }

    /// <summary>Pairs per bin (pairs scored in full).</summary>
    public IReadOnlyList<long> Counts { get; }

    /// <summary>Sum of the match probabilities of the pairs in each bin.</summary>
    public IReadOnlyList<double> ProbabilitySums { get; }

    /// <summary>Pairs whose scoring stopped early: their weight is certainly below <see cref="CutShortWeightBound"/>.</summary>
    public long CutShort { get; }

    /// <summary>An upper bound on the sum of the match probabilities of the pairs cut short.</summary>
    public double CutShortProbabilityBound { get; }

    /// <summary>The weight every pair cut short lies below (the lowest weight the run kept), in bits.</summary>
    public double CutShortWeightBound { get; }

    /// <summary>Every candidate pair, scored in full or cut short.</summary>
    public long Total => Counts.Sum() + CutShort;

    /// <summary>The bin a weight falls into.</summary>
    public static int BinOf(double weight) => Math.Clamp((int)Math.Floor((weight - MinWeight) / BinWidth), 0, BinCount - 1);

    /// <summary>The lower edge of bin <paramref name="bin"/> in bits.</summary>
    public static double LowerEdge(int bin) => MinWeight + (bin * BinWidth);
}
