namespace Concordat.Core.Ingestion;

/// <summary>
/// Told about every ingest run that committed, after the store's write lock is released (quality profiling hooks in
/// here). Implementations handle their own failures: the run has already committed and stays committed.
/// </summary>
public interface IIngestRunObserver
{
    /// <summary>Called once per succeeded run, on the ingest's calling flow, before <see cref="IngestService.IngestAsync"/> returns.</summary>
    Task RunCommittedAsync(IngestRun run, CancellationToken cancellationToken);
}
