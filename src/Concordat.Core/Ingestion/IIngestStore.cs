namespace Concordat.Core.Ingestion;

/// <summary>
/// The write side of ingestion: runs (their sessions, history and failures) and quarantine. Records are read through
/// <see cref="IRecordStore"/>. Thread safe.
/// </summary>
public interface IIngestStore
{
    /// <summary>
    /// The largest page <see cref="GetQuarantineAsync"/> returns; a larger limit is
    /// refused rather than quietly cut, so a caller paging by "fewer than asked means the end" never stops early.
    /// </summary>
    const int MaxPageSize = 10_000;

    /// <summary>Opens a run: one transaction that holds the store's write lock until committed or disposed.</summary>
    IIngestSession Begin(IngestRunStart start);

    /// <summary>Records a run that failed before or during reading; nothing else is written.</summary>
    Task<IngestRun> RecordFailedRunAsync(IngestRunStart start, IngestCounts counts, string error, DateTimeOffset finishedAt, CancellationToken cancellationToken);

    /// <summary>Finds a run.</summary>
    Task<IngestRun?> GetRunAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Runs of a dataset, newest first.</summary>
    Task<IReadOnlyList<IngestRun>> ListRunsAsync(string datasetId, int limit, CancellationToken cancellationToken);

    /// <summary>A page of a run's quarantined rows in row order, at most <paramref name="limit"/> (1 to <see cref="MaxPageSize"/>).</summary>
    Task<IReadOnlyList<QuarantinedRow>> GetQuarantineAsync(long runId, long afterRowNumber, int limit, CancellationToken cancellationToken);
}
