namespace Concordat.Core.Ingestion;

/// <summary>
/// The read side of ingested records: current versions, history, pages and look-ups by field, apart from the ingest
/// store that writes them, so a read can be served by any node (or a replica) without touching the write path.
/// Thread safe.
/// </summary>
public interface IRecordStore
{
    /// <summary>
    /// The largest page <see cref="ListRecordsAsync"/> returns; a larger limit is refused rather than quietly cut, so a
    /// caller paging by "fewer than asked means the end" never stops early.
    /// </summary>
    const int MaxPageSize = IIngestStore.MaxPageSize;

    /// <summary>
    /// Runs that committed after run <paramref name="afterRunId"/>, in id order, at most <paramref name="limit"/> (1 to
    /// <see cref="MaxPageSize"/>). Runs commit in id order (one writer at a time), so a reader that remembers the last
    /// id it saw misses none: together with <see cref="ListVersionsOfRunAsync"/> this is the feed of record changes.
    /// </summary>
    Task<IReadOnlyList<CommittedRun>> ListCommittedRunsAsync(long afterRunId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The versions (tombstones included) run <paramref name="runId"/> wrote to a dataset, in key order after
    /// <paramref name="afterKey"/>, at most <paramref name="limit"/> (1 to <see cref="MaxPageSize"/>).
    /// </summary>
    Task<IReadOnlyList<RecordVersion>> ListVersionsOfRunAsync(string datasetId, long runId, string? afterKey, int limit, CancellationToken cancellationToken);

    /// <summary>The current version of a record, or null when unknown; tombstones are returned as such.</summary>
    Task<RecordVersion?> GetRecordAsync(string datasetId, string key, CancellationToken cancellationToken);

    /// <summary>Every version of a record, oldest first.</summary>
    Task<IReadOnlyList<RecordVersion>> GetHistoryAsync(string datasetId, string key, CancellationToken cancellationToken);

    /// <summary>
    /// A page of current, non-deleted records in key order after <paramref name="afterKey"/>, at most
    /// <paramref name="limit"/> (1 to <see cref="MaxPageSize"/>); pass the last key as <paramref name="afterKey"/> for the next page.
    /// </summary>
    Task<IReadOnlyList<RecordVersion>> ListRecordsAsync(string datasetId, string? afterKey, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Current, non-deleted records whose field <paramref name="field"/> holds exactly <paramref name="value"/> (the
    /// canonical text ingestion stored), at most <paramref name="limit"/>, in key order. Used to find a person by an
    /// identifier that is not the record key; the store may build an index for the field on first use.
    /// </summary>
    /// <param name="datasetId">The dataset.</param>
    /// <param name="field">A schema field name (letters, digits and underscores).</param>
    /// <param name="value">The canonical value.</param>
    /// <param name="limit">Most records to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<RecordVersion>> FindCurrentByFieldAsync(string datasetId, string field, string value, int limit, CancellationToken cancellationToken);

    /// <summary>Number of current, non-deleted records.</summary>
    Task<long> CountRecordsAsync(string datasetId, CancellationToken cancellationToken);
}
