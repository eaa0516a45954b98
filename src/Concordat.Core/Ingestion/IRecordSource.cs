namespace Concordat.Core.Ingestion;

/// <summary>
/// A forward-only reader over a legacy source (CSV, JSON lines, XML, fixed-width, SQL). It yields rows of text
/// values for a set of source columns. Not thread safe.
/// </summary>
/// <remarks>
/// Readers never throw for a single bad row: they report it through <see cref="RowError"/> so the pipeline can
/// quarantine it. They throw <see cref="SourceFormatException"/> only when the source as a whole cannot be read
/// (wrong encoding, layout that does not fit, XML that is not well formed, a prohibited DTD).
/// </remarks>
public interface IRecordSource : IDisposable
{
    /// <summary>The source columns, known once the reader is open (header, layout, or bound names).</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>1-based position of the current row in the source (line or record number).</summary>
    long RowNumber { get; }

    /// <summary>Bytes consumed so far, for progress; 0 when unknown.</summary>
    long BytesRead { get; }

    /// <summary>Advances to the next row; false at the end.</summary>
    bool Read();

    /// <summary>The value of column <paramref name="ordinal"/> in the current row, or null when absent.</summary>
    string? GetValue(int ordinal);

    /// <summary>Why the current row cannot be trusted (wrong field count, malformed JSON); null when it is well formed.</summary>
    string? RowError { get; }

    /// <summary>Index of a column by name (ordinal comparison, then case-insensitive), or -1.</summary>
    int GetOrdinal(string column);
}
