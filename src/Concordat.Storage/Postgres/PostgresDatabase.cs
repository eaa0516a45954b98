using System.Globalization;
using Concordat.Core.Ingestion;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>
/// A PostgreSQL database shared by every hub node that names it: one pooled <see cref="NpgsqlDataSource"/> per process
/// and the migrations of <c>Migrations/Postgres</c>, applied under an advisory lock so that nodes starting together
/// migrate once. Thread safe. Dispose to close the pool.
/// </summary>
public sealed class PostgresDatabase : IStoreDatabase, IDisposable, IAsyncDisposable
{
    /// <summary>
    /// The session advisory lock held while migrating. Advisory lock keys are shared by every client of the database,
    /// so Concordat's are fixed, distinctive 64-bit numbers ("CONCORDM" in ASCII).
    /// </summary>
    internal const long MigrationLock = 0x434F4E434F52444D;

    /// <summary>The transaction advisory lock every write of an ingest run holds, so runs commit in id order ("CONCORDI").</summary>
    internal const long IngestLock = 0x434F4E434F524449;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _unpooled;

    /// <summary>Creates the database handle; nothing connects until first use.</summary>
    /// <param name="location">The parsed store setting.</param>
    /// <param name="loggerFactory">Where Npgsql logs; it never logs parameter values unless told to, and is not told to.</param>
    public PostgresDatabase(PostgresStoreLocation location, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        var builder = new NpgsqlDataSourceBuilder(location.ConnectionString);
        // Hot statements (a record by identifier, an agreement) are prepared on each pooled connection after two uses.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
        {
            builder.ConnectionStringBuilder.ApplicationName = "concordat";
        }

        // A pooled connection is not reset when it goes back to the pool. The reset (RESET ALL, DISCARD TEMP, advisory
        // unlock and more, sent before the connection's next use) measured about a round trip and a sixth of the
        // server's CPU per look-up, several times a request, to clear state no pooled use leaves behind: temporary
        // tables are ON COMMIT DROP, advisory locks on pooled connections are transaction-scoped (session locks are
        // taken only on unpooled connections, see OpenUnpooled), and nothing sets session parameters or listens.
        builder.ConnectionStringBuilder.NoResetOnClose = true;

        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        _dataSource = builder.Build();
        Display = location.Display;

        // A session that must outlive any pooled use (the audit signer's advisory lock) gets a connection of its own,
        // with TCP keepalives so a vanished server or network is noticed, not waited on.
        var unpooled = new NpgsqlConnectionStringBuilder(location.ConnectionString) { Pooling = false };
        if (string.IsNullOrEmpty(unpooled.ApplicationName))
        {
            unpooled.ApplicationName = "concordat";
        }

        if (unpooled.KeepAlive == 0)
        {
            unpooled.KeepAlive = 10;
        }

        _unpooled = unpooled.ConnectionString;
    }

    /// <inheritdoc />
    public string Display { get; }

    /// <summary>The pooled data source the stores open connections from.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Opens a pooled connection.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>A connection outside the pool, not yet open, for a session the caller keeps for as long as it needs it.</summary>
    internal NpgsqlConnection OpenUnpooled() => new(_unpooled);

    /// <summary>Opens a pooled connection synchronously, for the store contracts that are not yet asynchronous.</summary>
    public NpgsqlConnection Open() => _dataSource.OpenConnection();

    /// <summary>
    /// Applies the pending migrations in order, each in its own transaction, while holding the migration advisory lock:
    /// a node that starts while another migrates waits, then finds nothing left to do. A crash mid-migration rolls that
    /// migration back (PostgreSQL's DDL is transactional) and releases the lock with the connection.
    /// </summary>
    /// <returns>The versions this call applied.</returns>
    public IReadOnlyList<int> Migrate()
    {
        // Unpooled: the migration lock is a session lock, which must never travel back into the pool.
        using var connection = OpenUnpooled();
        connection.Open();
        Execute(connection, null, $"SELECT pg_advisory_lock({MigrationLock.ToString(CultureInfo.InvariantCulture)})");
        try
        {
            Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            var applied = new HashSet<int>();
            using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var done = new List<int>();
            foreach (var (version, name, sql) in MigrationScripts.Load("Postgres"))
            {
                if (applied.Contains(version))
                {
                    continue;
                }

                using var transaction = connection.BeginTransaction();
                Execute(connection, transaction, sql);
                if (version == CanonicalHashesVersion)
                {
                    RehashCanonicalNumbers(connection, transaction);
                }

                using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
                    record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
                    record.ExecuteNonQuery();
                }

                transaction.Commit();
                done.Add(version);
            }

            return done;
        }
        finally
        {
            // A broken connection has already released the lock; unlocking it would hide the migration's own error.
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                Execute(connection, null, $"SELECT pg_advisory_unlock({MigrationLock.ToString(CultureInfo.InvariantCulture)})");
            }
        }
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
        _ = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// PostgreSQL checks its own pages (enable data checksums with <c>initdb --data-checksums</c>); what the hub can
    /// check is that the database holds exactly the migrations this build knows, none missing and none newer.
    /// </remarks>
    public async Task<IReadOnlyList<string>> CheckIntegrityAsync(CancellationToken cancellationToken)
    {
        var applied = new HashSet<int>();
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var known = MigrationScripts.Load("Postgres").Select(m => m.Version).ToHashSet();
        var problems = new List<string>();
        problems.AddRange(known.Except(applied).Order().Select(v => $"migration {v.ToString(CultureInfo.InvariantCulture)} has not been applied"));
        problems.AddRange(applied.Except(known).Order().Select(v => $"migration {v.ToString(CultureInfo.InvariantCulture)} is newer than this build of Concordat"));
        return problems;
    }

    /// <inheritdoc />
    public void Dispose() => _dataSource.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    // The migration whose data step runs in C#: SQL cannot reproduce the canonical JSON the content hash is taken over.
    private const int CanonicalHashesVersion = 9;

    /// <summary>
    /// Migration 0009's data step: re-takes the content hash of every version whose payload holds a number written
    /// with trailing fraction zeros, over its canonical form (<see cref="CanonicalValues"/>), leaving the payload as
    /// loaded, so the first run after the upgrade versions nothing. Reads candidates a page at a time by key.
    /// </summary>
    private static void RehashCanonicalNumbers(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        const int Page = 1000;
        (long Dataset, string Key, int Version) after = (-1, "", 0);
        while (true)
        {
            var updates = new List<(long Dataset, string Key, int Version, byte[] Hash)>();
            var read = 0;
            using (var select = new NpgsqlCommand(
                """
                SELECT dataset_no, record_key, version, payload FROM record_versions
                WHERE (dataset_no, record_key, version) > ($1, $2, $3) AND NOT is_deleted AND payload ~ '[0-9]\.[0-9]*0[,}]'
                ORDER BY dataset_no, record_key, version LIMIT $4
                """,
                connection,
                transaction))
            {
                select.Parameters.Add(Pg.Long(after.Dataset));
                select.Parameters.Add(Pg.Text(after.Key));
                select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = after.Version });
                select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Page });
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    read++;
                    after = (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2));
                    if (CanonicalValues.CanonicalHashIfDifferent(reader.GetString(3)) is { } hash)
                    {
                        updates.Add((after.Dataset, after.Key, after.Version, hash));
                    }
                }
            }

            foreach (var (dataset, key, version, hash) in updates)
            {
                using var update = new NpgsqlCommand(
                    "UPDATE record_versions SET content_hash = $4 WHERE dataset_no = $1 AND record_key = $2 AND version = $3",
                    connection,
                    transaction);
                update.Parameters.Add(Pg.Long(dataset));
                update.Parameters.Add(Pg.Text(key));
                update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
                update.Parameters.Add(Pg.Bytes(hash));
                update.ExecuteNonQuery();
            }

            if (read < Page)
            {
                return;
            }
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
