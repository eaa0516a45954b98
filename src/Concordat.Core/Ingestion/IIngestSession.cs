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

    /// <summary>
    /// Applies a validated record: writes a version when new or changed. Returns
    /// <see cref="RecordOutcome.DuplicateKey"/>, writing nothing, when an earlier <see cref="Apply"/> of this session
    /// already applied the key (whatever its outcome); a key only passed to <see cref="Retain"/> is not applied, so a
    /// later valid row for it is applied normally.
    /// </summary>
    /// <param name="key">The record key.</param>
    /// <param name="content">The record's canonical JSON and its hash.</param>
    /// <param name="rowNumber">The source row the record came from, remembered for <see cref="FindAppliedRow"/>.</param>
    RecordOutcome Apply(string key, RecordContent content, long rowNumber);

    /// <summary>
    /// The source row whose record this session applied for <paramref name="key"/>, or null when none was. Called
    /// only for the rare duplicate, so it may cost a look-up.
    /// </summary>
    long? FindAppliedRow(string key);

    /// <summary>
    /// Keeps the current version of a record whose new row was quarantined, so that a full refresh does not
    /// tombstone a record just because this run's row for it was bad. Does not apply the key: a later valid row
    /// for it is still applied.
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
