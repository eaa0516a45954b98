namespace Concordat.Core.Ingestion;

/// <summary>One load of a source into a dataset.</summary>
/// <param name="Id">Run number, increasing across the hub.</param>
/// <param name="DatasetId">The dataset loaded.</param>
/// <param name="SourceName">The registered source, or <c>adhoc</c> for a one-off mapping.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="StartedAt">When reading started (UTC).</param>
/// <param name="FinishedAt">When the run committed or failed (UTC).</param>
/// <param name="Counts">Row counts.</param>
public sealed record IngestRun(
    long Id,
    string DatasetId,
    string SourceName,
    IngestRunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IngestCounts Counts)
{
    /// <summary>Why a failed run failed; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>The source format read.</summary>
    public SourceFormat Format { get; init; }

    /// <summary>Full refresh or incremental.</summary>
    public RefreshMode Mode { get; init; }

    /// <summary>Hex SHA-256 of the source bytes when the source was a file or stream.</summary>
    public string? SourceSha256 { get; init; }

    /// <summary>Who started the run (client id or <c>cli</c>).</summary>
    public string? StartedBy { get; init; }
}
