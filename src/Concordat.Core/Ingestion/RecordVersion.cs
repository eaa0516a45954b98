namespace Concordat.Core.Ingestion;

/// <summary>One version of a record: its content as written by one run, or a tombstone.</summary>
/// <param name="DatasetId">The dataset.</param>
/// <param name="Key">The record key (primary key values joined by <c>|</c>).</param>
/// <param name="Version">1 for the first version, incremented on each change.</param>
/// <param name="RunId">The run that wrote it.</param>
/// <param name="IsDeleted">True for a tombstone: the record left a full-refresh source.</param>
/// <param name="PayloadJson">The record's fields as a JSON object; empty object for tombstones.</param>
/// <param name="RecordedAt">When the run that wrote it started (UTC).</param>
public sealed record RecordVersion(
    string DatasetId,
    string Key,
    int Version,
    long RunId,
    bool IsDeleted,
    string PayloadJson,
    DateTimeOffset RecordedAt);
