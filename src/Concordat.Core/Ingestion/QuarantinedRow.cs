namespace Concordat.Core.Ingestion;

/// <summary>A source row that failed validation, kept with every reason so nothing is silently dropped.</summary>
/// <param name="RunId">The run that read it.</param>
/// <param name="RowNumber">1-based row or record number in the source.</param>
/// <param name="Values">Source column values as read (before transforms).</param>
/// <param name="Reasons">Every reason the row failed, each naming the field.</param>
public sealed record QuarantinedRow(
    long RunId,
    long RowNumber,
    IReadOnlyDictionary<string, string?> Values,
    IReadOnlyList<string> Reasons);
