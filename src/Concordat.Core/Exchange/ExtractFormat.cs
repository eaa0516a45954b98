namespace Concordat.Core.Exchange;

/// <summary>The file format of a bulk extract.</summary>
public enum ExtractFormat
{
    /// <summary>RFC 4180 CSV, UTF-8, header row, CRLF line ends.</summary>
    Csv,

    /// <summary>Newline-delimited JSON: one object per record.</summary>
    Ndjson,

    /// <summary>Apache Parquet, one optional UTF-8 string column per field.</summary>
    Parquet,
}
