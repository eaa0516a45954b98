namespace Concordat.Core.Ingestion;

/// <summary>The kind of legacy source an ingest reads.</summary>
public enum SourceFormat
{
    /// <summary>Delimited text (RFC 4180), with or without a header row.</summary>
    Csv,
    /// <summary>One JSON object per line (NDJSON).</summary>
    JsonLines,
    /// <summary>XML with repeated record elements found by a record path.</summary>
    Xml,
    /// <summary>Fixed-width records described by a layout, optionally EBCDIC with packed decimals.</summary>
    FixedWidth,
    /// <summary>A table or query in another database reached through ADO.NET.</summary>
    Sql,
}
