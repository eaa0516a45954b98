namespace Concordat.Core.Ingestion;

/// <summary>A source row to keep in quarantine: its values as read and every reason it was not loaded.</summary>
/// <param name="RowNumber">The 1-based source row, unique within a run.</param>
/// <param name="Values">Source column values as read (before transforms), in column order.</param>
/// <param name="Reasons">Every reason the row failed, each naming the field.</param>
public sealed record QuarantineEntry(long RowNumber, IReadOnlyList<KeyValuePair<string, string?>> Values, IReadOnlyList<string> Reasons);
