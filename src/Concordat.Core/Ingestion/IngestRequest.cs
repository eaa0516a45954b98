namespace Concordat.Core.Ingestion;

/// <summary>What to ingest: the target dataset, the mapping, and where the rows come from.</summary>
/// <param name="DatasetId">The dataset to load.</param>
/// <param name="SourceName">A registered source name, or <c>adhoc</c>.</param>
/// <param name="Mapping">The mapping; for fixed-width sources its layout must be inline.</param>
/// <param name="StartedBy">Client id or <c>cli</c>, recorded on the run.</param>
public sealed record IngestRequest(string DatasetId, string SourceName, IngestMapping Mapping, string StartedBy)
{
    /// <summary>The source bytes for file formats; read once, forward only. Disposed by the ingest.</summary>
    public Stream? Content { get; init; }

    /// <summary>
    /// Opens the source for formats that are not a byte stream (SQL): given the source columns the mapping reads,
    /// returns an open source. Takes precedence over <see cref="Content"/>.
    /// </summary>
    public Func<IReadOnlyList<string>, IRecordSource>? OpenSource { get; init; }

    /// <summary>Receives progress about four times a second.</summary>
    public IProgress<IngestProgress>? Progress { get; init; }

    /// <summary>
    /// Lets a full refresh with no valid rows tombstone every record. Off by default: an empty or wholly bad
    /// file is far more often a broken extract than a dataset that really emptied.
    /// </summary>
    public bool AllowEmptyFullRefresh { get; init; }

    /// <summary>
    /// When true, <see cref="IngestService.IngestAsync"/> returns as soon as the run is committed and leaves the
    /// observers (quality profiling, change notifications) to a later <see cref="IngestService.ObserveAsync"/>, so
    /// the caller can report the load on its own before the follow-up work starts.
    /// </summary>
    public bool DeferObservers { get; init; }
}
