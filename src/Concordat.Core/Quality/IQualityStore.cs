namespace Concordat.Core.Quality;

/// <summary>Persistence of quality profiles (kept per run, never rewritten) and of each dataset's rule file. Thread safe.</summary>
public interface IQualityStore
{
    /// <summary>Stores a profile and returns it with its assigned <see cref="QualityProfile.Id"/>; not found when the dataset is unknown.</summary>
    Task<Result<QualityProfile>> SaveProfileAsync(QualityProfile profile, CancellationToken cancellationToken);

    /// <summary>Finds one profile of a dataset.</summary>
    Task<QualityProfile?> GetProfileAsync(string datasetId, long profileId, CancellationToken cancellationToken);

    /// <summary>A dataset's profiles, newest first.</summary>
    Task<IReadOnlyList<QualityProfile>> ListProfilesAsync(string datasetId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The dataset-level figures of the newest profile of every dataset that has one, keyed by dataset id: the
    /// returned profiles have no fields and no rule results (read one in full with <see cref="GetProfileAsync"/>).
    /// </summary>
    Task<IReadOnlyDictionary<string, QualityProfile>> LatestProfilesAsync(CancellationToken cancellationToken);

    /// <summary>The dataset's rule file text, or null when it has none.</summary>
    Task<string?> GetRulesAsync(string datasetId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the dataset's rule file text; not found when the dataset is unknown.</summary>
    Task<Result<QualityRuleSet>> PutRulesAsync(QualityRuleSet rules, DateTimeOffset updatedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Streams every current, non-deleted record of a dataset to <paramref name="visit"/> in key order, holding one
    /// record in memory at a time. Returns the number visited.
    /// </summary>
    long ScanCurrentRecords(string datasetId, RecordVisitor visit, CancellationToken cancellationToken);

    /// <summary>The share of a run's source rows quarantined because they repeated an earlier row's key; null for an unknown run or one with no rows.</summary>
    Task<double?> DuplicateKeyRateAsync(long runId, CancellationToken cancellationToken);
}
