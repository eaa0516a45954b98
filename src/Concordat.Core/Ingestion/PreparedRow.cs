namespace Concordat.Core.Ingestion;

/// <summary>
/// One source row after mapping and validation: a record to apply, or a row to quarantine. A struct held in its
/// batch's array, so a row costs no object of its own.
/// </summary>
internal readonly struct PreparedRow
{
    public long RowNumber { get; init; }

    /// <summary>The record key; may be set for a failed row whose key fields were valid.</summary>
    public string? Key { get; init; }

    /// <summary>Canonical JSON of the record and its hash; null for a failed row.</summary>
    public RecordContent? Content { get; init; }

    /// <summary>Source values as read; set only for failed rows.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>>? SourceValues { get; init; }

    /// <summary>Why the row failed; null for a good row.</summary>
    public IReadOnlyList<string>? Reasons { get; init; }
}
