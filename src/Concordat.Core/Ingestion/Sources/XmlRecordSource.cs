using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// Streams repeated record elements out of an XML document and picks the wanted columns out of each, holding one
/// record in memory at a time. Not thread safe.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="SourceOptions.RecordPath"/> names the record element from the root, e.g. <c>/Claimants/Claimant</c>;
/// when it is null the records are the root element's children. A column is a child element's local name
/// (<c>Surname</c>), an attribute of the record (<c>@id</c>), or a relative path of child elements ending in an
/// element or attribute (<c>Address/Postcode</c>, <c>Address/@type</c>). Names match local names, ignoring
/// namespaces; the first matching element wins. An element's value is its text; an element with
/// <c>xsi:nil="true"</c>, or a missing one, is null. <see cref="RowNumber"/> is the record's ordinal.
/// </para>
/// <para>
/// The whole source fails with <see cref="SourceFormatException"/> when the document is not well formed (with the
/// line and position), has a DTD (refused, so external entities and entity-expansion bombs are never processed),
/// is not valid in its encoding, or has a record (or the content between two records) longer than
/// <see cref="SourceOptions.MaxRowBytes"/>. Records read before the failure have already been returned. The
/// encoding comes from the XML declaration or byte order mark when <see cref="SourceOptions.Encoding"/> is
/// UTF-8 (the default); any other declared encoding overrides the document. The reader owns the stream.
/// </para>
/// </remarks>
public sealed class XmlRecordSource : IRecordSource, IColumnPresence
{
    // XmlReader reads ahead in blocks of a few KiB; the limit allows for that on top of MaxRowBytes.
    private const int ReadAheadSlack = 64 * 1024;
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    private readonly ReadLimitStream _input;
    private readonly XmlReader _reader;
    private readonly string[] _recordPath;
    private readonly int _recordDepth;
    private readonly ColumnSet _columns;
    private readonly string[][] _paths;
    private readonly string?[] _values;
    private readonly long[] _present;
    private readonly string _recordPathText;

    // For a document in which recordPath matches nothing (see ThrowIfNothingMatched): whether the records' parent
    // element was reached, the first element met off the path above the records' level, and the first element at the
    // records' level that holds one of the wanted columns, which makes it a record under another name.
    private bool _reachedParent;
    private (string Name, int Depth)? _strayAbove;
    private (string Name, int Depth)? _strayRecord;

    /// <summary>Opens the source; nothing is read until <see cref="Read"/>.</summary>
    /// <param name="stream">The XML bytes; the reader owns the stream and disposes it.</param>
    /// <param name="options">Source options: <see cref="SourceOptions.RecordPath"/>, <see cref="SourceOptions.Encoding"/>,
    /// <see cref="SourceOptions.MaxRowBytes"/>.</param>
    /// <param name="columns">The columns wanted (see the remarks).</param>
    public XmlRecordSource(Stream stream, SourceOptions options, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxRowBytes);
        _recordPath = (options.RecordPath ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        _recordDepth = _recordPath.Length == 0 ? 1 : _recordPath.Length - 1;
        _columns = new ColumnSet([.. columns]);
        _paths = [.. columns.Select(c => c.Split('/', StringSplitOptions.RemoveEmptyEntries))];
        _values = new string?[columns.Count];
        _present = new long[columns.Count];
        _recordPathText = options.RecordPath ?? string.Empty;
        _reachedParent = _recordDepth == 0;
        var maxRowBytes = options.MaxRowBytes;
        _input = new ReadLimitStream(stream, maxRowBytes + (long)ReadAheadSlack, () => string.Create(
            CultureInfo.InvariantCulture,
            $"XML record {RowNumber + 1}, or the content before it, is longer than MaxRowBytes ({maxRowBytes} bytes)."));
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        };
        try
        {
            var encoding = TextEncodings.ResolveForSource(options.Encoding);
            _reader = TextEncodings.IsUtf8(encoding)
                ? XmlReader.Create(_input, settings)
                : XmlReader.Create(new StreamReader(_input, encoding, detectEncodingFromByteOrderMarks: false), settings);
        }
        catch (XmlException ex)
        {
            // XmlReader.Create reads the first bytes to detect the encoding, so a bad start fails here, not in Read
            // (found by fuzzing, issue 13.3).
            _input.Dispose();
            throw new SourceFormatException(
                string.Create(CultureInfo.InvariantCulture, $"The XML is not well formed at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}"),
                ex);
        }
        catch
        {
            _input.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => _columns.Names;

    /// <inheritdoc />
    public long RowNumber { get; private set; }

    /// <inheritdoc />
    public long BytesRead => _input.BytesRead;

    /// <inheritdoc />
    /// <remarks>Always null: a record that is well formed XML can always be read, and one that is not fails the source.</remarks>
    public string? RowError => null;

    /// <inheritdoc />
    /// <exception cref="SourceFormatException">The rest of the source cannot be read (see the class remarks).</exception>
    public bool Read()
    {
        Array.Clear(_values);
        _input.Mark();
        try
        {
            if (!MoveToRecord())
            {
                ThrowIfNothingMatched();
                return false;
            }

            // Loading through a subtree reader leaves the main reader on the record's end tag, so a fault after
            // the record (a truncated document) surfaces on the next Read and this record is not lost.
            XElement record;
            using (var subtree = _reader.ReadSubtree())
            {
                record = XElement.Load(subtree);
            }

            RowNumber++;
            for (var i = 0; i < _values.Length; i++)
            {
                if (Find(record, _paths[i], out var value))
                {
                    _present[i]++;
                    _values[i] = value;
                }
            }

            return true;
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new SourceFormatException(
                "The XML has a DTD (<!DOCTYPE>), which is refused: DTDs allow external entities and entity-expansion bombs. Export the document without a DOCTYPE.",
                ex);
        }
        catch (XmlException ex)
        {
            throw new SourceFormatException(
                string.Create(CultureInfo.InvariantCulture, $"The XML is not well formed at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}"),
                ex);
        }
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
    public long RowsSearched => RowNumber;

    /// <inheritdoc />
    public long RowsWithColumn(int ordinal) => _present[ordinal];

    /// <summary>Disposes the XML reader and the stream.</summary>
    public void Dispose()
    {
        _reader.Dispose();
        _input.Dispose();
    }

    private bool MoveToRecord()
    {
        // Initially the reader is before the document; after a record it is on the record's end tag, or on the
        // record itself when it was an empty element. Either way the next node is where the search starts.
        if (_reader.ReadState == ReadState.Initial || RowNumber > 0)
        {
            _reader.Read();
        }

        while (!_reader.EOF)
        {
            if (_reader.NodeType != XmlNodeType.Element)
            {
                _reader.Read();
                continue;
            }

            var depth = _reader.Depth;
            var onPath = _recordPath.Length == 0 || (depth < _recordPath.Length && _reader.LocalName == _recordPath[depth]);
            if (onPath && depth == _recordDepth)
            {
                return true;
            }

            if (onPath && depth < _recordDepth)
            {
                _reachedParent |= depth == _recordDepth - 1;
                _reader.Read();
            }
            else if (!onPath && depth == 0)
            {
                // A root of another name: nothing in the document can be on the path.
                _strayRecord ??= (_reader.LocalName, depth);
                _reader.Skip();
            }
            else if (!onPath && depth == _recordDepth && RowNumber == 0 && _strayRecord is null)
            {
                // Until a record is found, an element where records belong is looked into: if it holds the wanted
                // columns it is a record under another name (a typo in recordPath's last step), not a header.
                var name = _reader.LocalName;
                using (var subtree = _reader.ReadSubtree())
                {
                    var element = XElement.Load(subtree);
                    if (_paths.Any(path => Find(element, path, out _)))
                    {
                        _strayRecord = (name, depth);
                    }
                }

                _reader.Read();
            }
            else
            {
                if (!onPath && depth < _recordDepth)
                {
                    _strayAbove ??= (_reader.LocalName, depth);
                }

                _reader.Skip();
            }
        }

        return false;
    }

    /// <summary>Finds a column in a record: false when the path is absent; a present element with xsi:nil gives null.</summary>
    private static bool Find(XElement record, string[] path, out string? value)
    {
        value = null;
        var element = record;
        for (var i = 0; i < path.Length; i++)
        {
            var segment = path[i];
            if (segment.StartsWith('@'))
            {
                var attribute = i == path.Length - 1 ? element.Attributes().FirstOrDefault(a => a.Name.LocalName == segment[1..]) : null;
                value = attribute?.Value;
                return attribute is not null;
            }

            element = element.Elements().FirstOrDefault(e => e.Name.LocalName == segment);
            if (element is null)
            {
                return false;
            }
        }

        var nil = element.Attribute(XName.Get("nil", XsiNamespace));
        value = nil is not null && (nil.Value == "true" || nil.Value == "1") ? null : element.Value;
        return true;
    }

    /// <summary>
    /// A document in which recordPath matched nothing is an empty source only when nothing suggests a typo: the
    /// path's elements are there down to the records' parent, and nothing at the records' level holds the wanted
    /// columns. Otherwise the whole source fails, naming what the document has instead.
    /// </summary>
    private void ThrowIfNothingMatched()
    {
        if (RowNumber > 0)
        {
            return;
        }

        if (_strayRecord is { } record)
        {
            throw new SourceFormatException(NothingMatched(record.Name, record.Depth));
        }

        if (!_reachedParent && _strayAbove is { } above)
        {
            throw new SourceFormatException(NothingMatched(above.Name, above.Depth));
        }
    }

    private string NothingMatched(string stray, int depth)
    {
        var parents = string.Concat(_recordPath.Take(depth).Select(p => "/" + p));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"The recordPath '{_recordPathText}' matched no element, so no record was read: the document has <{stray}> at {parents}/{stray} where the path expects <{_recordPath[Math.Min(depth, _recordPath.Length - 1)]}>. Correct recordPath in the mapping.");
    }
}
