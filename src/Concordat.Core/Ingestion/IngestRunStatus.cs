namespace Concordat.Core.Ingestion;

/// <summary>Where an ingest run ended.</summary>
public enum IngestRunStatus
{
    /// <summary>Committed: its versions, tombstones and quarantined rows are visible.</summary>
    Succeeded,
    /// <summary>Rolled back: nothing it read is visible; <see cref="IngestRun.Error"/> says why.</summary>
    Failed,
}
