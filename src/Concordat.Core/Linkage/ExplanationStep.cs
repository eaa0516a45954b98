namespace Concordat.Core.Linkage;

/// <summary>One comparison's part in a pair's match weight.</summary>
public sealed record ExplanationStep
{
    /// <summary>The comparison.</summary>
    public required string Comparison { get; init; }

    /// <summary>The level the pair reached, e.g. <c>exact</c>, <c>jaroWinkler &gt;= 0.9</c>, <c>else</c>, <c>null</c>.</summary>
    public required string Level { get; init; }

    /// <summary>The left record's standardised value.</summary>
    public string? LeftValue { get; init; }

    /// <summary>The right record's standardised value.</summary>
    public string? RightValue { get; init; }

    /// <summary>The level's weight in bits.</summary>
    public required double Weight { get; init; }

    /// <summary>The term-frequency adjustment in bits (0 when none).</summary>
    public double TfAdjustment { get; init; }

    /// <summary>The prior plus every weight so far.</summary>
    public required double RunningTotal { get; init; }
}
