using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// An open connection lent by <see cref="SqliteDatabase.Borrow"/> that keeps its commands prepared between uses, so a
/// hot query (an agreement, a record by identifier) is parsed and planned once per connection rather than once per
/// request. Not thread safe: one borrower at a time; dispose to give it back.
/// </summary>
public sealed class PreparedConnection : IDisposable
{
    // Statement texts differ by dataset and field, so the set is bounded; when full it starts again.
    private const int MaxCommands = 64;
    private readonly SqliteDatabase _owner;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    internal PreparedConnection(SqliteDatabase owner, SqliteConnection connection)
    {
        _owner = owner;
        Connection = connection;
    }

    /// <summary>The open connection; use it for statements that are not worth keeping prepared.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>
    /// The command for <paramref name="sql"/>, prepared on first use and reused after that, with its parameters and
    /// transaction cleared. Dispose its reader before the next command; do not dispose the command.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        ArgumentException.ThrowIfNullOrEmpty(sql);
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxCommands)
            {
                DisposeCommands();
            }

            command = Connection.CreateCommand();
            command.CommandText = sql;
            // Without an explicit Prepare, Microsoft.Data.Sqlite parses and plans the text again on every execution.
            command.Prepare();
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = null;
        return command;
    }

    /// <summary>Gives the connection back to the database's pool (or closes it when the pool is full).</summary>
    public void Dispose() => _owner.Return(this);

    internal void Close()
    {
        DisposeCommands();
        Connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
