using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Concordat.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// The embedded SQLite database: opens connections with the hub's pragmas and applies migrations.
/// Thread safe; connections are pooled by Microsoft.Data.Sqlite, and <see cref="Borrow"/> lends connections that keep
/// their statements prepared. Dispose to close the lent connections it still holds.
/// </summary>
public sealed class SqliteDatabase : IStoreDatabase, IDisposable
{
    private const string HubMigrations = "Sqlite";
    private const string AuditMigrations = "SqliteAudit";
    private readonly string _connectionPragmas;
    private readonly string _connectionString;
    private readonly string _migrations;

    // Native handles that already carry the pragmas: Microsoft.Data.Sqlite's pool hands back the same handle, and the
    // pragmas (three statements to prepare and run) measured about a tenth of a short read when run on every open.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    private readonly ConcurrentBag<PreparedConnection> _idle = new();
    private readonly int _maxIdle = Math.Max(8, Environment.ProcessorCount * 4);
    private bool _disposed;

    /// <summary>Creates the handle of the hub's database (catalogue, records, governance...) for a file path; the file is created on first open.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="busyTimeout">How long a statement waits for another connection's lock before failing as busy
    /// (default 30 s, at least 1 s).</param>
    public SqliteDatabase(string path, TimeSpan? busyTimeout = null)
        : this(path, HubMigrations, busyTimeout)
    {
    }

    private SqliteDatabase(string path, string migrations, TimeSpan? busyTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _migrations = migrations;
        Path = System.IO.Path.GetFullPath(path);
        var seconds = (int)Math.Ceiling(Math.Max(1, (busyTimeout ?? DefaultBusyTimeout).TotalSeconds));
        BusyTimeout = TimeSpan.FromSeconds(seconds);
        _connectionPragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA foreign_keys=ON; PRAGMA busy_timeout={seconds * 1000}; PRAGMA synchronous=FULL;");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = seconds,
        }.ToString();
    }

    /// <summary>The wait for a lock when none is given: long enough for a hub's own writes, short of hanging a job.</summary>
    public static TimeSpan DefaultBusyTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a statement waits for another connection's lock before failing as busy.</summary>
    public TimeSpan BusyTimeout { get; }

    /// <summary>The handle of an audit ledger's own database (<see cref="SqliteAuditLedger"/>), with its own migrations
    /// and the hub database's busy timeout.</summary>
    internal static SqliteDatabase ForAuditLedger(string path, TimeSpan busyTimeout) => new(path, AuditMigrations, busyTimeout);

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Display => "sqlite:" + Path;

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM schema_migrations";
        _ = command.ExecuteScalar();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> CheckIntegrityAsync(CancellationToken cancellationToken) => Task.FromResult(CheckIntegrity());

    /// <summary>Opens a connection with foreign keys on, a busy timeout and FULL synchronous commits (evidence data).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var handle = connection.Handle!;
        if (!_configured.TryGetValue(handle, out _))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _connectionPragmas;
            command.ExecuteNonQuery();
            _configured.AddOrUpdate(handle, handle);
        }

        return connection;
    }

    /// <summary>
    /// Lends an open connection whose commands stay prepared between borrowers (<see cref="PreparedConnection.Command"/>);
    /// dispose it to give it back. For short, hot reads; a connection is never shared by two borrowers at once.
    /// </summary>
    public PreparedConnection Borrow()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        return _idle.TryTake(out var lent) ? lent : new PreparedConnection(this, Open());
    }

    internal void Return(PreparedConnection connection)
    {
        if (Volatile.Read(ref _disposed) || _idle.Count >= _maxIdle)
        {
            connection.Close();
            return;
        }

        _idle.Add(connection);
        if (Volatile.Read(ref _disposed))
        {
            Dispose();
        }
    }

    /// <summary>Closes the lent connections that have been given back; later returns are closed as they arrive.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryTake(out var connection))
        {
            connection.Close();
        }
    }

    /// <summary>Creates the file if needed, switches to WAL, checks integrity and applies pending migrations in order.</summary>
    public void Migrate()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = Open();

        // Data migrations may call into Core for rules SQL cannot express (0009 re-hashes payloads canonically).
        connection.CreateFunction<string, byte[]?>("concordat_canonical_hash", CanonicalValues.CanonicalHashIfDifferent, isDeterministic: true);

        // 8 KiB pages for a new file (SQLite ignores this for an existing one, whose pages keep their size): an
        // ingest's commit copies every page it wrote from the WAL into the file, and with half as many pages that
        // commit and checkpoint took about a quarter less CPU (bench ingest-stages, 300k person rows, 4 vs 8 KiB).
        // It must come before the switch to WAL, which writes the file's header.
        Execute(connection, "PRAGMA page_size=8192;");
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
        var applied = new HashSet<int>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT version FROM schema_migrations";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var (version, name, sql) in MigrationScripts.Load(_migrations))
        {
            if (applied.Contains(version))
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            Execute(connection, sql, transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t)";
            record.Parameters.AddWithValue("$v", version);
            record.Parameters.AddWithValue("$n", name);
            record.Parameters.AddWithValue("$t", SqliteText.FromTime(DateTimeOffset.UtcNow));
            record.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>Runs SQLite's quick integrity check; returns the problems found, empty when sound.</summary>
    public IReadOnlyList<string> CheckIntegrity()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check";
        using var reader = command.ExecuteReader();
        var problems = new List<string>();
        while (reader.Read())
        {
            var line = reader.GetString(0);
            if (line != "ok")
            {
                problems.Add(line);
            }
        }

        return problems;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
