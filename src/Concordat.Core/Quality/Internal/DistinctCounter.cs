namespace Concordat.Core.Quality.Internal;

/// <summary>
/// Counts distinct values exactly (as a set of 64-bit hashes) until the set would exceed a bound, then switches to a
/// <see cref="HyperLogLog"/> estimate, which it feeds from the start so nothing is lost at the switch. Memory is
/// bounded by the set limit plus 16 KiB. Not thread safe.
/// </summary>
internal sealed class DistinctCounter
{
    private readonly int _exactLimit;
    private readonly HyperLogLog _sketch = new();
    private HashSet<ulong>? _exact = [];

    public DistinctCounter(int exactLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exactLimit);
        _exactLimit = exactLimit;
    }

    /// <summary>True while the count is exact (up to 64-bit hash collisions, about n^2 / 2^65).</summary>
    public bool IsExact => _exact is not null;

    /// <summary>The distinct count so far: exact while <see cref="IsExact"/>, else estimated.</summary>
    public long Count => _exact?.Count ?? _sketch.Estimate();

    /// <summary>Adds a hashed value.</summary>
    public void Add(ulong hash)
    {
        _sketch.Add(hash);
        if (_exact is not null && _exact.Add(hash) && _exact.Count > _exactLimit)
        {
            _exact = null;
        }
    }
}
