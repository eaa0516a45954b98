namespace Concordat.Core.Ingestion;

/// <summary>How to read a source: its format and the options that format takes. Part of a mapping file.</summary>
public sealed record SourceOptions
{
    /// <summary>The source format.</summary>
    public SourceFormat Format { get; init; } = SourceFormat.Csv;

    /// <summary>Text encoding by .NET or IANA name, e.g. <c>utf-8</c>, <c>windows-1252</c>, <c>ibm037</c>.</summary>
    public string Encoding { get; init; } = "utf-8";

    /// <summary>CSV: whether the first row names the columns. Without one, columns are <c>column1</c>, <c>column2</c>...</summary>
    public bool Header { get; init; } = true;

    /// <summary>CSV: the field delimiter.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>CSV: the quote character.</summary>
    public char Quote { get; init; } = '"';

    /// <summary>XML: slash-separated path of the repeated record element from the root, e.g. <c>/Claimants/Claimant</c>.</summary>
    public string? RecordPath { get; init; }

    /// <summary>Fixed-width: the record layout (inline in the mapping).</summary>
    public FixedWidthLayout? Layout { get; init; }

    /// <summary>Fixed-width: path of a layout file, relative to the mapping file, used when <see cref="Layout"/> is null.</summary>
    public string? LayoutFile { get; init; }

    /// <summary>SQL: ADO.NET provider, <c>sqlite</c> or <c>postgres</c>.</summary>
    public string? Provider { get; init; }

    /// <summary>SQL: name of the environment variable that holds the connection string (never the secret itself).</summary>
    public string? ConnectionStringEnv { get; init; }

    /// <summary>SQL: a table name or a SELECT query.</summary>
    public string? Query { get; init; }

    /// <summary>Largest row or record accepted, in bytes; a longer one fails the source rather than exhausting memory.</summary>
    public int MaxRowBytes { get; init; } = 1 << 20;
}
