using System.Text;
using System.Text.Json;

namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// Reads one JSON object per line (NDJSON / JSON Lines) and picks the wanted columns out of each. Not thread safe.
/// </summary>
/// <remarks>
/// <para>
/// A column is a property name, or a dotted path into nested objects such as <c>address.postcode</c> (a
/// top-level property whose name contains the dots wins over the path). Strings are returned as they are, numbers
/// as their JSON text (no rounding), <c>true</c>/<c>false</c> as those words, JSON null and missing properties as
/// null, and objects or arrays as their JSON text.
/// </para>
/// <para>
/// Blank lines are skipped but counted, so <see cref="RowNumber"/> is the line number. A line that is not valid
/// JSON (including nesting deeper than 64 levels) or not an object sets <see cref="RowError"/>. The whole source
/// fails with <see cref="SourceFormatException"/> for bytes that are not valid in the declared encoding (UTF-8 by
/// default, with or without a byte order mark), a NUL byte, and a line longer than
/// <see cref="SourceOptions.MaxRowBytes"/>. The reader owns the stream and disposes it.
/// </para>
/// </remarks>
public sealed class JsonLinesRecordSource : IRecordSource, IColumnPresence
{
    private const int MaxDepth = 64;

    private readonly ByteWindow _window;
    private readonly LineReader _lines;
    private readonly TextValidator _validator;
    private readonly Encoding _encoding;
    private readonly ColumnSet _columns;
    private readonly string[][] _paths;
    private readonly string?[] _values;
    private readonly long[] _present;

    /// <summary>Opens the source.</summary>
    /// <param name="stream">The JSON lines bytes; the reader owns the stream and disposes it.</param>
    /// <param name="options">Source options: <see cref="SourceOptions.Encoding"/> and <see cref="SourceOptions.MaxRowBytes"/>.</param>
    /// <param name="columns">The columns wanted: property names or dotted paths.</param>
    public JsonLinesRecordSource(Stream stream, SourceOptions options, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxRowBytes);
        try
        {
            _encoding = TextEncodings.ResolveForSource(options.Encoding);
            _validator = new TextValidator(_encoding);
            _window = new ByteWindow(stream, options.MaxRowBytes, _encoding.WebName);
            _validator.HandleByteOrderMark(_window);
            _lines = new LineReader(
                _window,
                TextEncodings.SingleByte(_encoding, '\n', "line feed"),
                TextEncodings.SingleByte(_encoding, '\r', "carriage return"),
                options.MaxRowBytes);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        _columns = new ColumnSet([.. columns]);
        _paths = [.. columns.Select(c => c.Split('.'))];
        _values = new string?[columns.Count];
        _present = new long[columns.Count];
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
        Array.Clear(_values);
        RowError = null;
        while (_lines.ReadLine())
        {
            var line = _lines.Line;
            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            _validator.Validate(line, _lines.LineOffset, _lines.LineNumber);
            RowNumber = _lines.LineNumber;
            ParseLine();
            return true;
        }

        return false;
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

    /// <inheritdoc />
    public long RowsSearched { get; private set; }

    /// <inheritdoc />
    public long RowsWithColumn(int ordinal) => _present[ordinal];

    /// <summary>Disposes the stream.</summary>
    public void Dispose() => _window.Dispose();

    private void ParseLine()
    {
        var documentOptions = new JsonDocumentOptions { MaxDepth = MaxDepth };
        try
        {
            using var document = _validator.IsUtf8
                ? JsonDocument.Parse(_lines.LineMemory, documentOptions)
                : JsonDocument.Parse(_encoding.GetString(_lines.Line), documentOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                RowError = $"the line is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object";
                return;
            }

            RowsSearched++;
            for (var i = 0; i < _values.Length; i++)
            {
                if (Find(root, _columns.Names[i], _paths[i]) is { } element)
                {
                    _present[i]++;
                    _values[i] = Text(element);
                }
            }
        }
        catch (JsonException ex)
        {
            Array.Clear(_values);
            RowError = "not valid JSON: " + ex.Message;
        }
    }

    private static JsonElement? Find(JsonElement root, string column, string[] path)
    {
        if (root.TryGetProperty(column, out var element))
        {
            return element;
        }

        if (path.Length == 1)
        {
            return null;
        }

        element = root;
        foreach (var segment in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
            {
                return null;
            }
        }

        return element;
    }

    private static string? Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };
}
