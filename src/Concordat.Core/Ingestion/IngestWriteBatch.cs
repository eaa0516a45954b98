namespace Concordat.Core.Ingestion;

/// <summary>
/// One batch of an ingest run's writes, in source order: validated records to apply, keys of quarantined rows to retain,
/// and rows to quarantine. Filled by one thread and reused for the next batch after <see cref="Clear"/>; not thread safe.
/// </summary>
public sealed class IngestWriteBatch
{
    private readonly List<IngestRecord> _records;
    private readonly List<string> _retained = [];
    private readonly List<QuarantineEntry> _quarantined = [];

    /// <summary>Creates an empty batch.</summary>
    /// <param name="capacity">The number of records it is expected to hold.</param>
    public IngestWriteBatch(int capacity = 0)
    {
        _records = new List<IngestRecord>(capacity);
    }

    /// <summary>Validated records in source order (rising row numbers).</summary>
    public IReadOnlyList<IngestRecord> Records => _records;

    /// <summary>
    /// Keys of rows that were quarantined although their key fields were valid: a full refresh keeps their current
    /// versions instead of tombstoning them. Retaining a key never applies it.
    /// </summary>
    public IReadOnlyList<string> RetainedKeys => _retained;

    /// <summary>Rows to keep in quarantine, with their values and reasons.</summary>
    public IReadOnlyList<QuarantineEntry> Quarantined => _quarantined;

    /// <summary>True when the batch holds nothing to write.</summary>
    public bool IsEmpty => _records.Count == 0 && _retained.Count == 0 && _quarantined.Count == 0;

    /// <summary>Adds a validated record; rows must be added in source order.</summary>
    public void AddRecord(string key, RecordContent content, long rowNumber)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        _records.Add(new IngestRecord(key, content, rowNumber));
    }

    /// <summary>Adds the key of a quarantined row, to keep its current version from a full refresh's tombstones.</summary>
    public void AddRetained(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _retained.Add(key);
    }

    /// <summary>Adds a row to quarantine.</summary>
    public void AddQuarantined(long rowNumber, IReadOnlyList<KeyValuePair<string, string?>> values, IReadOnlyList<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(reasons);
        _quarantined.Add(new QuarantineEntry(rowNumber, values, reasons));
    }

    /// <summary>Empties the batch for reuse.</summary>
    public void Clear()
    {
        _records.Clear();
        _retained.Clear();
        _quarantined.Clear();
    }
}
