using System.Globalization;
using System.Text;

namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// Reads delimited text (RFC 4180) from a stream, row by row, parsing raw bytes in place; its buffer starts at
/// 64 KiB and never grows past the longest row allowed (<see cref="SourceOptions.MaxRowBytes"/>). Not thread safe.
/// </summary>
/// <remarks>
/// <para>
/// Options used: <see cref="SourceOptions.Encoding"/> (UTF-8 with or without a byte order mark, or a single-byte
/// encoding such as <c>windows-1252</c>), <see cref="SourceOptions.Header"/> (without a header the columns are
/// <c>column1</c>...<c>columnN</c>, N taken from the first row), <see cref="SourceOptions.Delimiter"/>,
/// <see cref="SourceOptions.Quote"/> and <see cref="SourceOptions.MaxRowBytes"/>.
/// </para>
/// <para>
/// Row-level problems set <see cref="RowError"/> and reading continues: a quote inside an unquoted field, text
/// after a closing quote, a quote never closed before the end of the file (the row then ends at its first line
/// break), and a field count different from the header's. The whole source fails with
/// <see cref="SourceFormatException"/> for bytes that are not valid in the declared encoding, a NUL byte (binary
/// or UTF-16 content), a row longer than <see cref="SourceOptions.MaxRowBytes"/> (detected after reading at most
/// that many bytes of it) and a malformed header row.
/// </para>
/// <para>
/// <see cref="RowNumber"/> is the line on which the row starts, so it matches what an editor shows even when
/// quoted fields span lines; the header is line 1. Lines that are entirely empty are skipped. A field present in
/// the row is returned as text, empty when the field is empty; null means the row has fewer fields than there are
/// columns. Header names are trimmed; an empty header name becomes <c>columnN</c>; of duplicate names,
/// <see cref="GetOrdinal"/> finds the first. The reader owns the stream and disposes it.
/// </para>
/// </remarks>
public sealed class CsvRecordSource : IRecordSource
{
    private readonly ByteWindow _window;
    private readonly Encoding _encoding;
    private readonly TextValidator _validator;
    private readonly CsvRowParser _parser;
    private readonly int _maxRowBytes;
    private readonly string _quote;
    private readonly string _doubledQuote;
    private readonly string _firstRowName;
    private readonly ColumnSet _columns;
    private readonly string?[] _values;
    private readonly long[] _valueStamps;
    private long _stamp;
    private int _rowBase;
    private long _nextLine = 1;
    private bool _pendingRow;
    private bool _onRow;

    /// <summary>Opens the source and reads the header row, or the first row when there is no header.</summary>
    /// <param name="stream">The CSV bytes; the reader owns the stream and disposes it.</param>
    /// <param name="options">The source options; see the remarks for the ones used.</param>
    /// <exception cref="SourceFormatException">The encoding is unknown, the delimiter or quote is not one byte in
    /// it, or the start of the file cannot be read (see the remarks).</exception>
    public CsvRecordSource(Stream stream, SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxRowBytes);
        try
        {
            _encoding = TextEncodings.ResolveForSource(options.Encoding);
            _validator = new TextValidator(_encoding);
            _parser = new CsvRowParser(
                TextEncodings.SingleByte(_encoding, options.Delimiter, "delimiter"),
                TextEncodings.SingleByte(_encoding, options.Quote, "quote"),
                TextEncodings.SingleByte(_encoding, '\r', "carriage return"),
                TextEncodings.SingleByte(_encoding, '\n', "line feed"));
            _maxRowBytes = options.MaxRowBytes;
            _quote = options.Quote.ToString();
            _doubledQuote = _quote + _quote;
            _window = new ByteWindow(stream, options.MaxRowBytes, _encoding.WebName);
            _validator.HandleByteOrderMark(_window);
            _firstRowName = options.Header ? "the header" : "the first row";
            _columns = ReadColumns(options.Header);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        _values = new string?[_columns.Names.Count];
        _valueStamps = new long[_columns.Names.Count];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => _columns.Names;

    /// <inheritdoc />
    public long RowNumber { get; private set; }

    /// <inheritdoc />
    public long BytesRead => _window.Position;

    /// <inheritdoc />
    public string? RowError { get; private set; }

    /// <inheritdoc />
    /// <exception cref="SourceFormatException">The rest of the source cannot be read (see the class remarks).</exception>
    public bool Read()
    {
        _stamp++;
        if (_pendingRow)
        {
            _pendingRow = false;
        }
        else if (!NextRow())
        {
            _onRow = false;
            RowError = null;
            return false;
        }

        _onRow = true;
        RowError = _parser.Error is { } error ? "malformed quoting: " + error
            : _parser.FieldCount != _columns.Names.Count
                ? string.Create(CultureInfo.InvariantCulture, $"the row has {_parser.FieldCount} fields but {_firstRowName} has {_columns.Names.Count}")
                : null;
        return true;
    }

    /// <inheritdoc />
    public string? GetValue(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, _values.Length);
        if (!_onRow || ordinal >= _parser.FieldCount)
        {
            return null;
        }

        if (_valueStamps[ordinal] != _stamp)
        {
            _values[ordinal] = DecodeField(ordinal);
            _valueStamps[ordinal] = _stamp;
        }

        return _values[ordinal];
    }

    /// <inheritdoc />
    public int GetOrdinal(string column) => _columns.GetOrdinal(column);

    /// <summary>Disposes the stream.</summary>
    public void Dispose() => _window.Dispose();

    private ColumnSet ReadColumns(bool header)
    {
        if (!NextRow())
        {
            return ColumnSet.Empty;
        }

        var names = new string[_parser.FieldCount];
        if (!header)
        {
            _pendingRow = true;
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = ColumnName(i);
            }

            return new ColumnSet(names);
        }

        if (_parser.Error is not null)
        {
            throw new SourceFormatException(
                string.Create(CultureInfo.InvariantCulture, $"The header row (line {RowNumber}) is malformed: {_parser.Error}."));
        }

        for (var i = 0; i < names.Length; i++)
        {
            var name = DecodeField(i).Trim();
            names[i] = name.Length == 0 ? ColumnName(i) : name;
        }

        return new ColumnSet(names);
    }

    private static string ColumnName(int index) => "column" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private bool NextRow()
    {
        while (true)
        {
            while (_window.Data.IsEmpty)
            {
                if (!_window.Fill())
                {
                    return false;
                }
            }

            while (!_parser.Parse(_window.Data, _window.EndOfStream))
            {
                // An unfinished row may be waiting for the LF after its CR; past that slack it is too long.
                if (_window.Data.Length > _maxRowBytes + 1L)
                {
                    throw RowTooLong();
                }

                _window.Fill();
            }

            if (_parser.ContentLength > _maxRowBytes)
            {
                throw RowTooLong();
            }

            var line = _nextLine;
            _nextLine += _parser.LineBreaks;
            _validator.Validate(_window.Data[.._parser.Consumed], _window.Position, line);
            _rowBase = _window.Start;
            _window.Advance(_parser.Consumed);
            if (_parser.ContentLength > 0)
            {
                RowNumber = line;
                return true;
            }
        }
    }

    private SourceFormatException RowTooLong() => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The row at line {_nextLine} is longer than MaxRowBytes ({_maxRowBytes} bytes): the file may have no line breaks, or a quote that is never closed."));

    private string DecodeField(int index)
    {
        var text = _encoding.GetString(_window.Buffer, _rowBase + _parser.FieldStart(index), _parser.FieldLength(index));
        return _parser.FieldEscaped(index) ? text.Replace(_doubledQuote, _quote, StringComparison.Ordinal) : text;
    }
}
