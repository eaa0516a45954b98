using System.Globalization;
using Concordat.Core.Audit;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>
/// The signer lease of a PostgreSQL ledger: a session advisory lock held on a connection kept open for the purpose.
/// Only one session on the server can hold it; when the holding node ends (even by kill -9) its connection closes and
/// the server releases the lock, so another node's next try takes over. Held means the connection still answers.
/// </summary>
internal sealed class PostgresSignerLease : IAuditSignerLease
{
    private readonly long _key;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;

    private PostgresSignerLease(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>The lease, or null when another session holds the lock.</summary>
    public static async Task<PostgresSignerLease?> TryAcquireAsync(PostgresDatabase database, long key, CancellationToken cancellationToken)
    {
        // A connection of its own, outside the pool: the lock lives as long as this session, and a pooled connection
        // would carry it back into the pool.
        var connection = database.OpenUnpooled();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({key.ToString(CultureInfo.InvariantCulture)})", connection);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                var lease = new PostgresSignerLease(connection, key);
                connection = null;
                return lease;
            }

            return null;
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

    /// <inheritdoc />
    public async ValueTask<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null)
            {
                return false;
            }

            // The lock is the session's: held exactly as long as the session answers. A session that stopped
            // answering may already have lost it to another node, so the lease is given up for good.
            try
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND ((classid::bigint << 32) | objid::bigint) = {_key.ToString(CultureInfo.InvariantCulture)})",
                    _connection);
                command.CommandTimeout = 5;
                if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
            }

            await DropAsync().ConfigureAwait(false);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_connection is { FullState: System.Data.ConnectionState.Open } open)
            {
                try
                {
                    await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({_key.ToString(CultureInfo.InvariantCulture)})", open);
                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
                catch (NpgsqlException)
                {
                    // The session is gone, and the lock with it.
                }
            }

            await DropAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DropAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
