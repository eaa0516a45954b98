namespace Concordat.Core.Linkage;

/// <summary>Thresholds and mode of a person resolution run.</summary>
public sealed record ResolveOptions
{
    /// <summary>Pairs at or above this match probability link records into one person.</summary>
    public double Threshold { get; init; } = 0.9;

    /// <summary>Pairs from this probability up to <see cref="Threshold"/> go to clerical review.</summary>
    public double ReviewFrom { get; init; } = 0.5;

    /// <summary>
    /// Score only pairs involving records not yet linked to a person, and keep existing persons together; cheaper,
    /// but never splits an existing person.
    /// </summary>
    public bool Incremental { get; init; }

    /// <summary>
    /// Most review items explained and queued in one run, the most uncertain first; null queues every pair in the
    /// band. <see cref="PersonResolution.ReviewPairsInBand"/> says how many there were, so a caller can tell the
    /// steward what was left out.
    /// </summary>
    public int? MaxReviewItems { get; init; } = DefaultMaxReviewItems;

    /// <summary>The default cap on the review queue of one run.</summary>
    public const int DefaultMaxReviewItems = 10_000;
}
