namespace Concordat.Core.Linkage;

/// <summary>Why a pair scored what it did: the prior, then each comparison's weight and the running total.</summary>
public sealed record PairExplanation
{
    /// <summary>The left record's unique id.</summary>
    public required string LeftId { get; init; }

    /// <summary>The right record's unique id.</summary>
    public required string RightId { get; init; }

    /// <summary>The prior weight, log2(λ / (1 - λ)).</summary>
    public required double PriorWeight { get; init; }

    /// <summary>Comparisons in settings order.</summary>
    public required IReadOnlyList<ExplanationStep> Steps { get; init; }

    /// <summary>The final match weight in bits.</summary>
    public required double Weight { get; init; }

    /// <summary>The match probability.</summary>
    public required double Probability { get; init; }
}
