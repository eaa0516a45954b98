namespace Concordat.Core.Ingestion;

/// <summary>One field of a fixed-width layout.</summary>
/// <param name="Name">Source column name.</param>
/// <param name="Start">1-based byte offset of the first byte.</param>
/// <param name="Length">Length in bytes.</param>
public sealed record FixedWidthField(string Name, int Start, int Length)
{
    /// <summary>How the bytes are stored: <c>text</c>, <c>zoned</c> (zoned decimal) or <c>packed</c> (COMP-3).</summary>
    public string Kind { get; init; } = "text";

    /// <summary>Implied decimal places for zoned and packed decimals.</summary>
    public int Scale { get; init; }
}
