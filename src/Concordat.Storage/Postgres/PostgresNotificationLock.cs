using System.Globalization;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>
/// The lock under which one node at a time queues run notifications: a session advisory lock on a connection of its
/// own, so it ends with the session (disposal, or the node's death closing the connection).
/// </summary>
internal sealed class PostgresNotificationLock : IAsyncDisposable
{
    /// <summary>The advisory lock key ("CONCORDW").</summary>
    internal const long Key = 0x434F4E434F524457;

    private readonly NpgsqlConnection _connection;

    private PostgresNotificationLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Waits for the lock and returns it held.</summary>
    public static async Task<PostgresNotificationLock> AcquireAsync(PostgresDatabase database, CancellationToken cancellationToken)
    {
        // Outside the pool: a pooled connection would carry the session lock back into the pool.
        var connection = database.OpenUnpooled();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key.ToString(CultureInfo.InvariantCulture)})", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var held = new PostgresNotificationLock(connection);
            connection = null;
            return held;
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Ends the session, which releases the lock.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
