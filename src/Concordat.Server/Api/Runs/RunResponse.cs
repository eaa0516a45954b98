using Concordat.Core.Ingestion;

namespace Concordat.Server.Api.Runs;

/// <summary>An ingest run as the API shows it.</summary>
/// <param name="Id">Run number.</param>
/// <param name="DatasetId">The dataset loaded.</param>
/// <param name="SourceName">The source read.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="Format">The source format.</param>
/// <param name="Mode">Full refresh or incremental.</param>
/// <param name="StartedAt">When reading started (UTC).</param>
/// <param name="FinishedAt">When it committed or failed (UTC).</param>
/// <param name="Counts">Row counts.</param>
/// <param name="Error">Why a failed run failed.</param>
/// <param name="SourceSha256">Hex SHA-256 of the source bytes.</param>
/// <param name="StartedBy">Who started it.</param>
public sealed record RunResponse(
    long Id,
    string DatasetId,
    string SourceName,
    IngestRunStatus Status,
    SourceFormat Format,
    RefreshMode Mode,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IngestCounts Counts,
    string? Error,
    string? SourceSha256,
    string? StartedBy)
{
    /// <summary>Projects a stored run.</summary>
    public static RunResponse From(IngestRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, run.DatasetId, run.SourceName, run.Status, run.Format, run.Mode, run.StartedAt, run.FinishedAt, run.Counts, run.Error, run.SourceSha256, run.StartedBy);
    }
}
