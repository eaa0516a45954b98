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

    /// <summary>Only pairs with at least one row marked here (incremental linking of new records); null for all.</summary>
    public IReadOnlyList<bool>? Involving { get; init; }
}
