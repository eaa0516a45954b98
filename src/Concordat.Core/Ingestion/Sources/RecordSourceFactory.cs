namespace Concordat.Core.Ingestion.Sources;

/// <summary>Opens the right <see cref="IRecordSource"/> for a mapping's <see cref="SourceOptions"/>. Thread safe.</summary>
public static class RecordSourceFactory
{
    /// <summary>Opens a reader over <paramref name="stream"/> for <see cref="SourceOptions.Format"/>.</summary>
    /// <param name="options">How to read the source. For fixed-width, <see cref="SourceOptions.Layout"/> must be set.</param>
    /// <param name="stream">The source bytes; the returned reader owns the stream and disposes it.</param>
    /// <param name="wantedColumns">The mapping's source columns: the names JSON lines and XML readers look for. CSV and
    /// fixed-width readers take their columns from the header and the layout and ignore this list.</param>
    /// <exception cref="ArgumentException">The format is <see cref="SourceFormat.Sql"/> (the caller opens the database and
    /// wraps its reader in <see cref="DataReaderRecordSource"/>), unknown, or fixed-width without a layout.</exception>
    /// <exception cref="SourceFormatException">The source cannot be read (see each reader).</exception>
    public static IRecordSource Open(SourceOptions options, Stream stream, IReadOnlyList<string> wantedColumns)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(wantedColumns);
        return options.Format switch
        {
            SourceFormat.Csv => new CsvRecordSource(stream, options),
            SourceFormat.JsonLines => new JsonLinesRecordSource(stream, options, wantedColumns),
            SourceFormat.Xml => new XmlRecordSource(stream, options, wantedColumns),
            SourceFormat.FixedWidth => new FixedWidthRecordSource(stream, options),
            SourceFormat.Sql => throw new ArgumentException(
                "SQL sources are not streams: open the database and wrap its DbDataReader in DataReaderRecordSource.", nameof(options)),
            _ => throw new ArgumentException($"Unknown source format {options.Format}.", nameof(options)),
        };
    }
}
