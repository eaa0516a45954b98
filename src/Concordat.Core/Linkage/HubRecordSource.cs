using Concordat.Core.Ingestion;

namespace Concordat.Core.Linkage;

/// <summary>
/// Presents hub records as a record source for <see cref="LinkageData.Load(LinkageSettings, IReadOnlyList{Ingestion.IRecordSource}, string?, CancellationToken)"/>: the given columns, plus
/// <paramref name="keyColumn"/> holding each record's key. Not thread safe.
/// </summary>
/// <param name="records">The records, read in order.</param>
/// <param name="columns">Field names to expose.</param>
/// <param name="keyColumn">The column that carries the record key.</param>
public sealed class HubRecordSource(IReadOnlyList<HubRecord> records, IReadOnlyList<string> columns, string keyColumn) : IRecordSource
{
    private readonly string[] _columns = [.. columns.Where(c => c != keyColumn), keyColumn];
    private int _row = -1;

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => _columns;

    /// <inheritdoc />
    public long RowNumber => _row + 1;

    /// <inheritdoc />
    public long BytesRead => 0;

    /// <inheritdoc />
    public string? RowError => null;

    /// <inheritdoc />
    public bool Read() => ++_row < records.Count;

    /// <inheritdoc />
    public string? GetValue(int ordinal)
    {
        var record = records[_row];
        return ordinal == _columns.Length - 1 ? record.Ref.RecordKey : record.Fields.GetValueOrDefault(_columns[ordinal]);
    }

    /// <inheritdoc />
    public int GetOrdinal(string column) => Array.IndexOf(_columns, column);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
