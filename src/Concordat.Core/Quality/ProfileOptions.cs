namespace Concordat.Core.Quality;

/// <summary>Bounds that keep profiling memory fixed however large the dataset.</summary>
public sealed record ProfileOptions
{
    /// <summary>Default options.</summary>
    public static ProfileOptions Default { get; } = new();

    /// <summary>Distinct values counted exactly per field before switching to a HyperLogLog estimate.</summary>
    public int ExactDistinctLimit { get; init; } = 100_000;

    /// <summary>Top values and patterns reported per field.</summary>
    public int TopCount { get; init; } = 10;

    /// <summary>Space-Saving counters per field; counts over-count by at most rows / capacity.</summary>
    public int SketchCapacity { get; init; } = 200;

    /// <summary>Failing examples kept per rule.</summary>
    public int ExamplesPerRule { get; init; } = 5;
}
