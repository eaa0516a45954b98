namespace Concordat.Core.Synthesis.Internal;

/// <summary>Items with relative weights, sampled by binary search over cumulative weights. Immutable and thread safe.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class WeightedTable<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    /// <summary>Creates a table; weights must be positive.</summary>
    public WeightedTable(IReadOnlyList<T> items, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(weights);
        if (items.Count == 0 || items.Count != weights.Count)
        {
            throw new ArgumentException("Items and weights must be non-empty and of equal length.", nameof(weights));
        }

        _items = [.. items];
        _cumulative = new double[items.Count];
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weights[i]);
            total += weights[i];
            _cumulative[i] = total;
        }

        for (var i = 0; i < _cumulative.Length; i++)
        {
            _cumulative[i] /= total;
        }
    }

    /// <summary>The items in table order.</summary>
    public IReadOnlyList<T> Items => _items;

    /// <summary>
    /// A Zipf-Mandelbrot table: the item at rank r (1-based, list order) has weight 1 / (r + <paramref name="shift"/>)^<paramref name="exponent"/>,
    /// the shape of name frequencies in population registers (a few very common names and a long tail).
    /// </summary>
    public static WeightedTable<T> Zipf(IReadOnlyList<T> rankedItems, double shift, double exponent)
    {
        ArgumentNullException.ThrowIfNull(rankedItems);
        var weights = new double[rankedItems.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = 1.0 / Math.Pow(i + 1 + shift, exponent);
        }

        return new WeightedTable<T>(rankedItems, weights);
    }

    /// <summary>Draws one item.</summary>
    public T Pick(ref SynthRandom random) => _items[PickIndex(ref random)];

    /// <summary>Draws the index of one item.</summary>
    public int PickIndex(ref SynthRandom random)
    {
        var u = random.NextDouble();
        var index = Array.BinarySearch(_cumulative, u);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, _items.Length - 1);
    }
}
