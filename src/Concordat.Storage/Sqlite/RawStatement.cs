using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// One statement prepared directly on a connection's native handle, bound by position and stepped without a
/// command or data reader around it. For the ingest's per-row statements only: through
/// <see cref="SqliteCommand"/> each execution looked every parameter up by name, converted string values to UTF-8,
/// and built and disposed a data reader, which together cost more than SQLite's own work on the row (measured with
/// dotnet-trace on a 1M-row load). Runs inside whatever transaction the connection has open. Not thread safe.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds an integer to the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds UTF-8 text to the 1-based parameter <paramref name="index"/>; SQLite copies it.</summary>
    public void BindText(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    /// <summary>Binds a blob to the 1-based parameter <paramref name="index"/>; SQLite copies it.</summary>
    public void BindBlob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs the statement to its next row: true when a row is ready to read, false when it is done.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        // The error is reported by the step; reset clears it so the statement can run again after a caught failure.
        var message = raw.sqlite3_errmsg(_db).utf8_to_string();
        var extended = raw.sqlite3_extended_errcode(_db);
        raw.sqlite3_reset(_statement);
        throw new SqliteException(message, rc, extended);
    }

    /// <summary>Rows changed by the last insert, update or delete on this connection.</summary>
    public int Changes => raw.sqlite3_changes(_db);

    /// <summary>Column <paramref name="index"/> (0-based) of the current row as an integer.</summary>
    public long GetInt64(int index) => raw.sqlite3_column_int64(_statement, index);

    /// <summary>Column <paramref name="index"/> (0-based) of the current row as a blob, valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> GetBlob(int index) => raw.sqlite3_column_blob(_statement, index);

    /// <summary>Makes the statement ready to run again; bindings are kept.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
        }
    }
}
