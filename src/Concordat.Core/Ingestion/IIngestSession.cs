namespace Concordat.Core.Ingestion;

/// <summary>
/// One open ingest run in the store: an uncommitted transaction. Nothing it writes is visible until
/// <see cref="Commit"/>; disposing without committing rolls everything back. Not thread safe: one pipeline
/// drives one session.
/// </summary>
public interface IIngestSession : IDisposable
{
    /// <summary>The run's id, reserved at start.</summary>
    long RunId { get; }

    /// <summary>Applies a validated record: writes a version when new or changed.</summary>
    /// <param name="key">The record key.</param>
    /// <param name="content">The record's canonical JSON and its hash.</param>
    RecordOutcome Apply(string key, RecordContent content);

    /// <summary>
    /// Keeps the current version of a record whose new row was quarantined, so that a full refresh does not
    /// tombstone a record just because this run's row for it was bad.
    /// </summary>
    void Retain(string key);

    /// <summary>Stores a failed row with its reasons.</summary>
    void Quarantine(long rowNumber, IReadOnlyList<KeyValuePair<string, string?>> values, IReadOnlyList<string> reasons);

    /// <summary>
    /// Ends the run: tombstones current records this run did not see when <paramref name="fullRefresh"/>,
    /// records the run and commits atomically.
    /// </summary>
    IngestRun Commit(IngestCounts counts, bool fullRefresh, string? sourceSha256, DateTimeOffset finishedAt);
}
