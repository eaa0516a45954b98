namespace Concordat.Core.Ingestion;

/// <summary>What a storage session needs to open a run.</summary>
/// <param name="DatasetId">The dataset to load.</param>
/// <param name="SourceName">The source name.</param>
/// <param name="Format">The source format.</param>
/// <param name="Mode">Full refresh or incremental.</param>
/// <param name="StartedBy">Client id or <c>cli</c>.</param>
/// <param name="StartedAt">When the run started (UTC).</param>
public sealed record IngestRunStart(
    string DatasetId,
    string SourceName,
    SourceFormat Format,
    RefreshMode Mode,
    string StartedBy,
    DateTimeOffset StartedAt);
