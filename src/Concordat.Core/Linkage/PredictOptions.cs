namespace Concordat.Core.Linkage;

/// <summary>What a prediction run keeps.</summary>
public sealed record PredictOptions
{
    /// <summary>
    /// Keep only pairs at or above this match probability; every candidate is still counted in the run's
    /// <see cref="WeightDistribution"/>. Null keeps every candidate pair (needed to evaluate against a truth at any
    /// threshold). Keeping fewer pairs saves memory and lets scoring stop early on pairs that cannot reach it.
    /// </summary>
    public double? KeepFrom { get; init; }

    /// <summary>
    /// The most memory, in bytes, the run may hold (records, scoring structures and kept pairs); null for no bound.
    /// A run whose records and scoring structures alone would exceed it is refused before scoring with
    /// <c>linkage.memory_limit_exceeded</c>; kept pairs that would exceed it are written to a temporary file in
    /// <see cref="SpillDirectory"/> and read back through a memory map.
    /// </summary>
    public long? MemoryLimit { get; init; }

    /// <summary>Where kept pairs are spilled when memory runs short; the system's temporary directory when null.</summary>
    public string? SpillDirectory { get; init; }

    /// <summary>Only pairs with at least one row marked here (incremental linking of new records); null for all.</summary>
    public IReadOnlyList<bool>? Involving { get; init; }
}
