namespace Concordat.Core.Ingestion;

/// <summary>What an ingest run did, row by row.</summary>
public sealed record IngestCounts
{
    /// <summary>Rows read from the source (including quarantined ones).</summary>
    public long RowsRead { get; init; }

    /// <summary>Rows that passed validation and were applied (new, changed or unchanged).</summary>
    public long RowsLoaded { get; init; }

    /// <summary>Rows sent to quarantine.</summary>
    public long RowsQuarantined { get; init; }

    /// <summary>New record versions written (new records and changed ones).</summary>
    public long VersionsCreated { get; init; }

    /// <summary>Loaded rows identical to the current version: nothing written.</summary>
    public long Unchanged { get; init; }

    /// <summary>Records missing from a full-refresh source, now marked deleted.</summary>
    public long Tombstones { get; init; }
}
