using System.Data.Common;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;

namespace Concordat.Cli.Commands;

/// <summary>A SQL source that owns its connection and command, closing them with the reader.</summary>
internal sealed class OwningDataReaderSource : IRecordSource
{
    private readonly DbConnection _connection;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly DataReaderRecordSource _inner;

    public OwningDataReaderSource(DbConnection connection, DbCommand command, DbDataReader reader)
    {
        _connection = connection;
        _command = command;
        _reader = reader;
        _inner = new DataReaderRecordSource(reader);
    }

    public IReadOnlyList<string> Columns => _inner.Columns;

    public long RowNumber => _inner.RowNumber;

    public long BytesRead => _inner.BytesRead;

    public string? RowError => _inner.RowError;

    public bool Read() => _inner.Read();

    public string? GetValue(int ordinal) => _inner.GetValue(ordinal);

    public int GetOrdinal(string column) => _inner.GetOrdinal(column);

    public void Dispose()
    {
        _inner.Dispose();
        _reader.Dispose();
        _command.Dispose();
        _connection.Dispose();
    }
}
