namespace Concordat.Core.Linkage;

/// <summary>Where resolved persons, their record links and the clerical review queue live.</summary>
public interface IPersonStore
{
    /// <summary>
    /// The largest page <see cref="ListPersonsAsync"/> and <see cref="ListReviewsAsync"/> return; a larger limit is
    /// refused rather than quietly cut, so a caller that asks for one more than it shows can tell whether more follow.
    /// </summary>
    const int MaxPageSize = 10_000;

    /// <summary>The current person of every linked record.</summary>
    Task<IReadOnlyDictionary<RecordRef, string>> GetLinksAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The feed of link changes: every record whose person link was made, moved or removed after position
    /// <paramref name="afterSequence"/>, with its person now, at most <paramref name="limit"/> (1 to
    /// <see cref="MaxPageSize"/>), plus the feed's newest position. Positions follow commit order, so a reader that
    /// remembers the last one it applied misses nothing unless it fell behind pruning (<see cref="PersonLinkChanges.PrunedUpTo"/>).
    /// </summary>
    Task<PersonLinkChanges> GetLinkChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The person a record is linked to, or null when it is not linked.</summary>
    Task<string?> GetPersonIdAsync(RecordRef record, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a resolution atomically: replaces the persons it carries and their record links, deletes persons left
    /// without records, queues its review items unless the same pair is already queued or decided, and keeps its
    /// <see cref="PersonResolution.Settings"/> as the latest when it has them.
    /// </summary>
    Task SaveAsync(PersonResolution resolution, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The settings of the latest resolution that carried them, or null.</summary>
    Task<LinkageSettings?> GetSettingsAsync(CancellationToken cancellationToken);

    /// <summary>A person, or null.</summary>
    Task<Person?> GetPersonAsync(string personId, CancellationToken cancellationToken);

    /// <summary>Persons by id, after <paramref name="afterId"/>, at most <paramref name="limit"/> (1 to <see cref="MaxPageSize"/>).</summary>
    Task<IReadOnlyList<Person>> ListPersonsAsync(string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Review items with a status, oldest first, after <paramref name="afterId"/>, at most <paramref name="limit"/> (1 to <see cref="MaxPageSize"/>).</summary>
    Task<IReadOnlyList<ReviewItem>> ListReviewsAsync(ReviewStatus status, long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Review items with a status, most uncertain first (<see cref="ReviewItem.Uncertainty"/>, then id), those after
    /// <paramref name="after"/> (null for the start), at most <paramref name="limit"/> (1 to 1,000).
    /// </summary>
    Task<IReadOnlyList<ReviewItem>> ListReviewsByUncertaintyAsync(ReviewStatus status, ReviewPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>A review item, or null.</summary>
    Task<ReviewItem?> GetReviewAsync(long id, CancellationToken cancellationToken);

    /// <summary>Every review item, of any status, that names one of <paramref name="records"/>, in id order.</summary>
    Task<IReadOnlyList<ReviewItem>> ReviewsOfRecordsAsync(IReadOnlyCollection<RecordRef> records, CancellationToken cancellationToken);

    /// <summary>Every decided pair, for later runs to respect.</summary>
    Task<IReadOnlyList<ReviewItem>> GetDecisionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records a steward's decision on a pending item, with their reason if given; fails with <c>review.not_found</c>
    /// or, when already decided, <c>review.already_decided</c> (conflict).
    /// </summary>
    Task<Result<ReviewItem>> DecideAsync(long id, bool accept, string steward, string? reason, DateTimeOffset at, CancellationToken cancellationToken);
}
