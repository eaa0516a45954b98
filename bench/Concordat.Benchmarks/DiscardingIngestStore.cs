using Concordat.Core.Ingestion;

namespace Concordat.Benchmarks;

/// <summary>An ingest store that keeps nothing: isolates the cost of reading, mapping and validating rows.</summary>
internal sealed class DiscardingIngestStore : IIngestStore
{
    public IIngestSession Begin(IngestRunStart start) => new Session(start);

    public Task<IngestRun> RecordFailedRunAsync(IngestRunStart start, IngestCounts counts, string error, DateTimeOffset finishedAt, CancellationToken cancellationToken) =>
        Task.FromResult(new IngestRun(0, start.DatasetId, start.SourceName, IngestRunStatus.Failed, start.StartedAt, finishedAt, counts) { Error = error });

    public Task<IngestRun?> GetRunAsync(long runId, CancellationToken cancellationToken) => Task.FromResult<IngestRun?>(null);

    public Task<IReadOnlyList<IngestRun>> ListRunsAsync(string datasetId, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<IngestRun>>([]);

    public Task<IReadOnlyList<QuarantinedRow>> GetQuarantineAsync(long runId, long afterRowNumber, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<QuarantinedRow>>([]);

    private sealed class Session(IngestRunStart start) : IIngestSession
    {
        public long RunId => 1;

        public IngestBatchResult Apply(IngestWriteBatch batch) => new(batch.Records.Count, 0, 0, []);

        public IngestRun Commit(IngestCounts counts, bool fullRefresh, string? sourceSha256, DateTimeOffset finishedAt) =>
            new(1, start.DatasetId, start.SourceName, IngestRunStatus.Succeeded, start.StartedAt, finishedAt, counts);

        public void Dispose()
        {
        }
    }
}
