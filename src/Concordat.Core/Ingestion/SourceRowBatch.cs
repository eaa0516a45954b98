namespace Concordat.Core.Ingestion;

/// <summary>
/// A batch of source rows copied out of a reader (only the mapped columns), so that mapping and validation can run
/// on another thread while the reader moves on. Read back through its own <see cref="IRecordSource"/> cursor, whose
/// column ordinals are the mapping's source-column indexes.
/// </summary>
internal sealed class SourceRowBatch : IRecordSource
{
    private readonly IReadOnlyList<string> _columns;
    private readonly string?[] _values;
    private readonly long[] _rowNumbers;
    private readonly string?[] _rowErrors;
    private int _cursor = -1;

    public SourceRowBatch(IReadOnlyList<string> columns, int capacity)
    {
        _columns = columns;
        _values = new string?[capacity * columns.Count];
        _rowNumbers = new long[capacity];
        _rowErrors = new string?[capacity];
    }

    /// <summary>Rows captured so far.</summary>
    public int Count { get; private set; }

    /// <summary>True when no more rows fit.</summary>
    public bool IsFull => Count == _rowNumbers.Length;

    /// <summary>Copies the current row of <paramref name="source"/>: the columns at <paramref name="ordinals"/>, its number and its error.</summary>
    public void Capture(IRecordSource source, int[] ordinals)
    {
        var width = _columns.Count;
        var offset = Count * width;
        for (var i = 0; i < width; i++)
        {
            _values[offset + i] = source.GetValue(ordinals[i]);
        }

        _rowNumbers[Count] = source.RowNumber;
        _rowErrors[Count] = source.RowError;
        Count++;
    }

    /// <summary>The captured values of row <paramref name="index"/> (0-based within the batch), named by source column.</summary>
    public KeyValuePair<string, string?>[] ValuesAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var width = _columns.Count;
        var values = new KeyValuePair<string, string?>[width];
        for (var i = 0; i < width; i++)
        {
            values[i] = new(_columns[i], _values[(index * width) + i]);
        }

        return values;
    }

    public IReadOnlyList<string> Columns => _columns;

    public long RowNumber => _rowNumbers[_cursor];

    public long BytesRead => 0;

    public string? RowError => _rowErrors[_cursor];

    public bool Read()
    {
        if (_cursor + 1 >= Count)
        {
            return false;
        }

        _cursor++;
        return true;
    }

    public string? GetValue(int ordinal) => _values[(_cursor * _columns.Count) + ordinal];

    public int GetOrdinal(string column)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (string.Equals(_columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Empties the batch for reuse; the old values are overwritten as new rows are captured.</summary>
    public void Clear()
    {
        Count = 0;
        _cursor = -1;
    }

    public void Dispose()
    {
        // Nothing to release: the batch holds only managed arrays.
    }
}
