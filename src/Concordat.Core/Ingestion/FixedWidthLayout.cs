namespace Concordat.Core.Ingestion;

/// <summary>
/// Describes fixed-width records, such as a mainframe extract: the encoding, the record length and where each
/// field sits. Positions are 1-based byte offsets, as in COBOL copybooks.
/// </summary>
public sealed record FixedWidthLayout
{
    /// <summary>Encoding of text fields, e.g. <c>ibm037</c> for EBCDIC (US/Canada), <c>windows-1252</c>, <c>ascii</c>.</summary>
    public string Encoding { get; init; } = "ascii";

    /// <summary>Bytes per record when records are not separated by newlines (typical of EBCDIC); null for line-separated files.</summary>
    public int? RecordLength { get; init; }

    /// <summary>The fields, in any order; they must not overlap and must fit in the record.</summary>
    public IReadOnlyList<FixedWidthField> Fields { get; init; } = [];
}
