using System.Globalization;
using System.Text;

namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// Reads fixed-width records described by a <see cref="FixedWidthLayout"/>: text lines, or fixed-size binary
/// records without separators such as an EBCDIC mainframe extract with zoned and packed decimals. Not thread safe.
/// </summary>
/// <remarks>
/// <para>
/// With <see cref="FixedWidthLayout.RecordLength"/> null, records are lines ending in LF or CR LF (LF as the
/// layout's encoding writes it: 0x25 in EBCDIC); empty lines are skipped and <see cref="RowNumber"/> is the line
/// number. A line shorter than the layout needs sets <see cref="RowError"/>; bytes past the last field are
/// ignored. With a record length, records are that many bytes back to back and <see cref="RowNumber"/> is the
/// record number.
/// </para>
/// <para>
/// Text fields are decoded with the layout's encoding and trimmed of trailing spaces. Zoned and packed fields
/// become invariant decimal text with <see cref="FixedWidthField.Scale"/> decimal places (<c>-1234.50</c>); a
/// numeric field of spaces is null. A field whose bytes are not valid for its kind or encoding is null and sets
/// <see cref="RowError"/> naming it: one damaged record is quarantined, the rest are read.
/// </para>
/// <para>
/// The whole source fails with <see cref="SourceFormatException"/> when the layout is not valid (see
/// <see cref="Validate"/>), or when it does not fit the file: the first line is shorter than the layout, or the
/// file length is not a whole number of records. A trailing partial record is such a failure, not a row error,
/// because it means the record length is wrong for the whole file; on a seekable stream it is detected before the
/// first record is returned. The reader owns the stream and disposes it.
/// </para>
/// </remarks>
public sealed class FixedWidthRecordSource : IRecordSource
{
    private readonly ByteWindow _window;
    private readonly LineReader? _lines;
    private readonly FixedWidthField[] _fields;
    private readonly byte[] _kinds;
    private readonly Encoding _encoding;
    private readonly int _recordLength;
    private readonly int _requiredLength;
    private readonly ColumnSet _columns;
    private readonly string?[] _values;
    private readonly StringBuilder _errors = new();

    /// <summary>Opens the source and validates the layout.</summary>
    /// <param name="stream">The file's bytes; the reader owns the stream and disposes it.</param>
    /// <param name="options">Source options; <see cref="SourceOptions.Layout"/> must be set (a caller that has a
    /// <see cref="SourceOptions.LayoutFile"/> loads it first) and <see cref="SourceOptions.MaxRowBytes"/> limits a line
    /// or record.</param>
    /// <exception cref="ArgumentException">No layout is given.</exception>
    /// <exception cref="SourceFormatException">The layout is not valid or does not fit the file.</exception>
    public FixedWidthRecordSource(Stream stream, SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxRowBytes);
        var layout = options.Layout ?? throw new ArgumentException(
            "A fixed-width source needs a layout; load the layout file into SourceOptions.Layout first.", nameof(options));
        try
        {
            var validation = Validate(layout);
            if (!validation.IsSuccess)
            {
                throw new SourceFormatException(
                    "The fixed-width layout is not valid: " + string.Join(" ", validation.Errors.Select(e => e.Message)));
            }

            _encoding = TextEncodings.ResolveForSource(layout.Encoding);
            _fields = [.. layout.Fields];
            _kinds = [.. _fields.Select(f => (byte)(f.Kind.ToUpperInvariant() switch { "ZONED" => 1, "PACKED" => 2, _ => 0 }))];
            _requiredLength = FixedWidthLayoutRules.RequiredLength(layout);
            _recordLength = layout.RecordLength ?? 0;
            if (_recordLength > options.MaxRowBytes)
            {
                throw new SourceFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The layout's record length of {_recordLength} bytes is more than MaxRowBytes ({options.MaxRowBytes})."));
            }

            _window = new ByteWindow(stream, options.MaxRowBytes, textEncodingName: null);
            if (_recordLength == 0)
            {
                _lines = new LineReader(
                    _window,
                    TextEncodings.SingleByte(_encoding, '\n', "line feed"),
                    TextEncodings.SingleByte(_encoding, '\r', "carriage return"),
                    options.MaxRowBytes);
            }
            else if (stream.CanSeek && (stream.Length - stream.Position) % _recordLength != 0)
            {
                throw PartialRecord(stream.Length - stream.Position);
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        _columns = new ColumnSet([.. _fields.Select(f => f.Name)]);
        _values = new string?[_fields.Length];
    }

    /// <summary>
    /// Checks a layout: at least one field; names present and unique (ignoring case); positions from 1; lengths of at
    /// least 1 byte; fields within the record length and not overlapping; kinds <c>text</c>, <c>zoned</c> or
    /// <c>packed</c>; scales within the field's digits and only on numeric fields; a known encoding.
    /// </summary>
    /// <returns>The layout, or every problem found, each naming the field in its message and target.</returns>
    public static Result<FixedWidthLayout> Validate(FixedWidthLayout layout)
    {
        var errors = FixedWidthLayoutRules.Check(layout);
        return errors.Count == 0 ? layout : Result<FixedWidthLayout>.Failure(errors);
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
    /// <exception cref="SourceFormatException">The layout does not fit the file.</exception>
    public bool Read()
    {
        Array.Clear(_values);
        RowError = null;
        return _lines is null ? ReadRecord() : ReadLine(_lines);
    }

    /// <inheritdoc />
    public string? GetValue(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, _values.Length);
        return _values[ordinal];
    }

    /// <inheritdoc />
    public int GetOrdinal(string column) => _columns.GetOrdinal(column);

    /// <summary>Disposes the stream.</summary>
    public void Dispose() => _window.Dispose();

    private bool ReadRecord()
    {
        _window.EnsureAvailable(_recordLength);
        var available = _window.Data.Length;
        if (available == 0)
        {
            return false;
        }

        if (available < _recordLength)
        {
            throw PartialRecord(_window.Position + available);
        }

        RowNumber++;
        DecodeFields(_window.Data[.._recordLength]);
        _window.Advance(_recordLength);
        return true;
    }

    private bool ReadLine(LineReader lines)
    {
        while (lines.ReadLine())
        {
            if (lines.LineLength == 0)
            {
                continue;
            }

            var first = RowNumber == 0;
            RowNumber = lines.LineNumber;
            if (lines.LineLength >= _requiredLength)
            {
                DecodeFields(lines.Line);
            }
            else if (first)
            {
                throw new SourceFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The layout does not fit the file: line {lines.LineNumber} is {lines.LineLength} bytes but the layout needs {_requiredLength}."));
            }
            else
            {
                RowError = string.Create(
                    CultureInfo.InvariantCulture,
                    $"the line is {lines.LineLength} bytes but the layout needs {_requiredLength}");
            }

            return true;
        }

        return false;
    }

    private void DecodeFields(ReadOnlySpan<byte> record)
    {
        _errors.Clear();
        for (var i = 0; i < _fields.Length; i++)
        {
            var field = _fields[i];
            var bytes = record.Slice(field.Start - 1, field.Length);
            var ok = _kinds[i] switch
            {
                1 => DecimalFieldDecoder.TryDecodeZoned(bytes, field.Scale, out _values[i]),
                2 => DecimalFieldDecoder.TryDecodePacked(bytes, field.Scale, out _values[i]),
                _ => TryDecodeText(bytes, out _values[i]),
            };
            if (!ok)
            {
                var what = _kinds[i] switch { 1 => "zoned decimal", 2 => "packed decimal", _ => _encoding.WebName + " text" };
                _errors.Append(_errors.Length == 0 ? string.Empty : "; ")
                    .Append(CultureInfo.InvariantCulture, $"field '{field.Name}' (bytes {field.Start}-{field.Start + field.Length - 1}) is not valid {what}");
            }
        }

        RowError = _errors.Length == 0 ? null : _errors.ToString();
    }

    private bool TryDecodeText(ReadOnlySpan<byte> bytes, out string? value)
    {
        try
        {
            value = _encoding.GetString(bytes).TrimEnd(' ');
            return true;
        }
        catch (DecoderFallbackException)
        {
            value = null;
            return false;
        }
    }

    private SourceFormatException PartialRecord(long length) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The layout does not fit the file: {length} bytes is not a whole number of {_recordLength}-byte records ({length / _recordLength} records and {length % _recordLength} bytes over)."));
}
