namespace Concordat.Core.Ingestion;

/// <summary>A validated record on its way into the store: its key, canonical content and the source row it came from.</summary>
/// <param name="Key">The record key.</param>
/// <param name="Content">The record's canonical JSON and its hash.</param>
/// <param name="RowNumber">The 1-based source row, unique within a run; named in a later duplicate's quarantine reason.</param>
public readonly record struct IngestRecord(string Key, RecordContent Content, long RowNumber);
