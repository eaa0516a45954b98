namespace Concordat.Core.Linkage;

/// <summary>A pair in the uncertain band, for a steward to accept or reject.</summary>
public sealed record ReviewItem
{
    /// <summary>Store id; 0 before it is stored.</summary>
    public long Id { get; init; }

    /// <summary>The first record (the smaller reference).</summary>
    public required RecordRef Left { get; init; }

    /// <summary>The second record.</summary>
    public required RecordRef Right { get; init; }

    /// <summary>Match weight in bits when queued.</summary>
    public required double MatchWeight { get; init; }

    /// <summary>Match probability when queued.</summary>
    public required double MatchProbability { get; init; }

    /// <summary>Why the pair scored what it did.</summary>
    public PairExplanation? Explanation { get; init; }

    /// <summary>Pending, accepted or rejected.</summary>
    public ReviewStatus Status { get; init; } = ReviewStatus.Pending;

    /// <summary>Who decided.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>When it was decided (UTC).</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Why the steward decided as they did, when they said.</summary>
    public string? DecisionReason { get; init; }

    /// <summary>How uncertain the pair is: the distance of its match weight from 0 bits (a probability of one half), smallest first in the queue.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double Uncertainty => Math.Abs(MatchWeight);
}
