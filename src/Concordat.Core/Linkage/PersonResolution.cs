namespace Concordat.Core.Linkage;

/// <summary>The outcome of resolving records into persons: what to store and what changed.</summary>
public sealed record PersonResolution
{
    /// <summary>Every person after the run (touched or not, in a full run; only touched ones in an incremental run).</summary>
    public required IReadOnlyList<Person> Persons { get; init; }

    /// <summary>
    /// Pairs in the uncertain band that no steward has decided, the most uncertain first: all of them, or the first
    /// <see cref="ResolveOptions.MaxReviewItems"/> when there were more (compare <see cref="ReviewPairsInBand"/>).
    /// </summary>
    public required IReadOnlyList<ReviewItem> ReviewQueue { get; init; }

    /// <summary>Undecided pairs the run found in the review band, queued or not.</summary>
    public long ReviewPairsInBand { get; init; }

    /// <summary>Persons whose id is new in this run.</summary>
    public required int NewPersons { get; init; }

    /// <summary>Records linked to a person for the first time.</summary>
    public required int NewlyLinkedRecords { get; init; }

    /// <summary>Pairs scored.</summary>
    public required long PairsScored { get; init; }

    /// <summary>
    /// The settings the run used; the store keeps the latest, so that an accepted review can rebuild a golden record
    /// with the same survivorship rules (<see cref="ReviewService"/>). Null leaves the stored settings as they are.
    /// </summary>
    public LinkageSettings? Settings { get; init; }
}
