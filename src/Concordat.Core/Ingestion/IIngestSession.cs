namespace Concordat.Core.Ingestion;

/// <summary>
/// One open ingest run in the store: an uncommitted transaction. Nothing it writes is visible until
/// <see cref="Commit"/>; disposing without committing rolls everything back. Not thread safe: one pipeline
/// drives one session, one batch at a time.
/// </summary>
public interface IIngestSession : IDisposable
{
    /// <summary>The run's id, reserved at start.</summary>
    long RunId { get; }

    /// <summary>
    /// Applies one batch of the run, in this order of meaning:
    /// <list type="bullet">
    /// <item>Each record of <see cref="IngestWriteBatch.Records"/> whose key no earlier record of the run applied (in
    /// this batch or an earlier one) is applied: a version is written when the key has no current version, when the
    /// current version is a tombstone, or when the content hash differs from the current version's; otherwise nothing
    /// is written. A record whose key an earlier record applied is a duplicate: nothing is written for it, and it is
    /// returned in <see cref="IngestBatchResult.Duplicates"/> with the row that was applied, for the caller to quarantine.</item>
    /// <item>Each key of <see cref="IngestWriteBatch.RetainedKeys"/> is kept from a full refresh's tombstones; it does not
    /// apply the key, so a later valid record for it is applied normally.</item>
    /// <item>Each row of <see cref="IngestWriteBatch.Quarantined"/> is stored with its values and reasons.</item>
    /// </list>
    /// </summary>
    /// <param name="batch">The batch; not kept after the call returns.</param>
    IngestBatchResult Apply(IngestWriteBatch batch);

    /// <summary>
    /// Ends the run: tombstones current records this run did not see when <paramref name="fullRefresh"/> (a key is seen
    /// when a record of it was applied or it was retained), records the run and commits atomically.
    /// </summary>
    IngestRun Commit(IngestCounts counts, bool fullRefresh, string? sourceSha256, DateTimeOffset finishedAt);
}
