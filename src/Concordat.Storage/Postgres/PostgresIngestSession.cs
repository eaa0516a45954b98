using System.Globalization;
using System.Text;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Ingestion;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>
/// One ingest run as a single PostgreSQL transaction that holds the ingest advisory lock, so runs are serialised across
/// every node as SQLite's write lock serialises them, and run ids commit in order. Nothing of the run is visible until
/// <see cref="Commit"/>; a crash or a dispose without commit rolls it all back. Each record costs one round trip (the
/// per-row contract of <see cref="IIngestSession"/>); not thread safe.
/// </summary>
internal sealed class PostgresIngestSession : IIngestSession
{
    // The first row of the run that applies a key claims it (source_row set); a key met only in quarantined rows is
    // retained with source_row null and taken over by the first valid row for it, as in SQLite (ADR 0001).
    private const string ApplySql = """
        WITH seen AS (
            INSERT INTO pg_temp.seen_keys (k, source_row) VALUES ($2, $6)
            ON CONFLICT (k) DO UPDATE SET source_row = EXCLUDED.source_row WHERE seen_keys.source_row IS NULL
            RETURNING k),
        head AS (SELECT version, is_deleted, content_hash FROM record_versions WHERE dataset_no = $1 AND record_key = $2 ORDER BY version DESC LIMIT 1),
        written AS (
            INSERT INTO record_versions (dataset_no, record_key, version, run_id, is_deleted, payload, content_hash, source_row)
            SELECT $1, $2, COALESCE((SELECT version FROM head), 0) + 1, $3, false, $4, $5, $6
            WHERE EXISTS (SELECT 1 FROM seen) AND NOT EXISTS (SELECT 1 FROM head WHERE NOT is_deleted AND content_hash = $5)
            RETURNING version)
        SELECT EXISTS (SELECT 1 FROM seen), EXISTS (SELECT 1 FROM head WHERE NOT is_deleted), EXISTS (SELECT 1 FROM written)
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly IngestRunStart _start;
    private readonly long _datasetNo;
    private readonly NpgsqlCommand _apply;
    private readonly NpgsqlCommand _retain;
    private readonly NpgsqlCommand _findApplied;
    private readonly NpgsqlCommand _quarantine;
    private bool _committed;

    private PostgresIngestSession(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestRunStart start, long datasetNo, long runId)
    {
        _connection = connection;
        _transaction = transaction;
        _start = start;
        _datasetNo = datasetNo;
        RunId = runId;
        _apply = new NpgsqlCommand(ApplySql, connection, transaction);
        _apply.Parameters.Add(Pg.Long(datasetNo));
        _apply.Parameters.Add(Pg.Text(""));
        _apply.Parameters.Add(Pg.Long(runId));
        _apply.Parameters.Add(Pg.Text(""));
        _apply.Parameters.Add(Pg.Bytes([]));
        _apply.Parameters.Add(Pg.Long(0L));
        _apply.Prepare();
        _retain = new NpgsqlCommand("INSERT INTO pg_temp.seen_keys (k, source_row) VALUES ($1, NULL) ON CONFLICT DO NOTHING", connection, transaction);
        _retain.Parameters.Add(Pg.Text(""));
        _retain.Prepare();
        _findApplied = new NpgsqlCommand("SELECT source_row FROM pg_temp.seen_keys WHERE k = $1 AND source_row IS NOT NULL", connection, transaction);
        _findApplied.Parameters.Add(Pg.Text(""));
        _findApplied.Prepare();
        _quarantine = new NpgsqlCommand("INSERT INTO quarantine (run_id, row_number, values_json, reasons) VALUES ($1, $2, $3, $4)", connection, transaction);
        _quarantine.Parameters.Add(Pg.Long(runId));
        _quarantine.Parameters.Add(Pg.Long(0L));
        _quarantine.Parameters.Add(Pg.Text(""));
        _quarantine.Parameters.Add(Pg.Text(""));
        _quarantine.Prepare();
    }

    public long RunId { get; }

    public static PostgresIngestSession Open(PostgresDatabase database, IngestRunStart start)
    {
        try
        {
            return OpenCore(database, start);
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
    }

    private static PostgresIngestSession OpenCore(PostgresDatabase database, IngestRunStart start)
    {
        var connection = database.Open();
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = connection.BeginTransaction();
            Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresDatabase.IngestLock.ToString(CultureInfo.InvariantCulture)})");
            Execute(connection, transaction, "CREATE TEMP TABLE seen_keys (k text COLLATE \"C\" PRIMARY KEY, source_row bigint) ON COMMIT DROP");
            long datasetNo;
            using (var find = new NpgsqlCommand("SELECT no FROM datasets WHERE id = $1", connection, transaction))
            {
                find.Parameters.Add(Pg.Text(start.DatasetId));
                datasetNo = find.ExecuteScalar() as long? ?? throw new InvalidOperationException($"Dataset '{start.DatasetId}' does not exist.");
            }

            var runId = PostgresIngestStore.InsertRun(connection, transaction, start, null, new IngestCounts(), null, null, start.StartedAt);
            return new PostgresIngestSession(connection, transaction, start, datasetNo, runId);
        }
        catch
        {
            transaction?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    public RecordOutcome Apply(string key, RecordContent content, long rowNumber)
    {
        try
        {
            return ApplyCore(key, content, rowNumber);
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
    }

    private RecordOutcome ApplyCore(string key, RecordContent content, long rowNumber)
    {
        ArgumentNullException.ThrowIfNull(content);
        ObjectDisposedException.ThrowIf(_committed, this);
        _apply.Parameters[1].Value = key;
        _apply.Parameters[3].Value = Encoding.UTF8.GetString(content.Utf8);
        _apply.Parameters[4].Value = content.Hash;
        _apply.Parameters[5].Value = rowNumber;
        using var reader = _apply.ExecuteReader();
        reader.Read();
        var firstInRun = reader.GetBoolean(0);
        var hadLive = reader.GetBoolean(1);
        var wrote = reader.GetBoolean(2);
        if (!firstInRun)
        {
            return RecordOutcome.DuplicateKey;
        }

        if (!wrote)
        {
            return RecordOutcome.Unchanged;
        }

        return hadLive ? RecordOutcome.Updated : RecordOutcome.Created;
    }

    public long? FindAppliedRow(string key)
    {
        try
        {
            return FindAppliedRowCore(key);
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
    }

    private long? FindAppliedRowCore(string key)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        _findApplied.Parameters[0].Value = key;
        return _findApplied.ExecuteScalar() is long row ? row : null;
    }

    public void Retain(string key)
    {
        try
        {
            RetainCore(key);
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
    }

    private void RetainCore(string key)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        _retain.Parameters[0].Value = key;
        _retain.ExecuteNonQuery();
    }

    public void Quarantine(long rowNumber, IReadOnlyList<KeyValuePair<string, string?>> values, IReadOnlyList<string> reasons)
    {
        try
        {
            QuarantineCore(rowNumber, values, reasons);
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
    }

    private void QuarantineCore(long rowNumber, IReadOnlyList<KeyValuePair<string, string?>> values, IReadOnlyList<string> reasons)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        var map = new Dictionary<string, string?>(values.Count, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }

        _quarantine.Parameters[1].Value = rowNumber;
        _quarantine.Parameters[2].Value = JsonSerializer.Serialize(map, ConcordatJson.Options);
        _quarantine.Parameters[3].Value = JsonSerializer.Serialize(reasons, ConcordatJson.Options);
        _quarantine.ExecuteNonQuery();
    }

    public IngestRun Commit(IngestCounts counts, bool fullRefresh, string? sourceSha256, DateTimeOffset finishedAt)
    {
        try
        {
            return CommitCore(counts, fullRefresh, sourceSha256, finishedAt);
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
    }

    private IngestRun CommitCore(IngestCounts counts, bool fullRefresh, string? sourceSha256, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ObjectDisposedException.ThrowIf(_committed, this);
        long tombstones = 0;
        if (fullRefresh)
        {
            using var tombstone = new NpgsqlCommand(
                """
                INSERT INTO record_versions (dataset_no, record_key, version, run_id, is_deleted, payload, content_hash)
                SELECT h.dataset_no, h.record_key, h.version + 1, $2, true, '{}', '\x'::bytea
                FROM (SELECT DISTINCT ON (record_key) dataset_no, record_key, version, is_deleted
                      FROM record_versions WHERE dataset_no = $1 ORDER BY record_key, version DESC) h
                WHERE NOT h.is_deleted AND NOT EXISTS (SELECT 1 FROM pg_temp.seen_keys s WHERE s.k = h.record_key)
                """,
                _connection,
                _transaction);
            tombstone.Parameters.Add(Pg.Long(_datasetNo));
            tombstone.Parameters.Add(Pg.Long(RunId));
            tombstones = tombstone.ExecuteNonQuery();
        }

        var final = counts with { Tombstones = tombstones };
        using (var update = new NpgsqlCommand(
            """
            UPDATE ingest_runs SET status = 'Succeeded', finished_at = $2, rows_read = $3, rows_loaded = $4,
                rows_quarantined = $5, versions_created = $6, records_unchanged = $7, tombstones = $8, source_sha256 = $9
            WHERE id = $1
            """,
            _connection,
            _transaction))
        {
            update.Parameters.Add(Pg.Long(RunId));
            update.Parameters.Add(Pg.Time(finishedAt));
            update.Parameters.Add(Pg.Long(final.RowsRead));
            update.Parameters.Add(Pg.Long(final.RowsLoaded));
            update.Parameters.Add(Pg.Long(final.RowsQuarantined));
            update.Parameters.Add(Pg.Long(final.VersionsCreated));
            update.Parameters.Add(Pg.Long(final.Unchanged));
            update.Parameters.Add(Pg.Long(final.Tombstones));
            update.Parameters.Add(Pg.Text(sourceSha256));
            update.ExecuteNonQuery();
        }

        _transaction.Commit();
        _committed = true;
        return new IngestRun(RunId, _start.DatasetId, _start.SourceName, IngestRunStatus.Succeeded, _start.StartedAt, finishedAt, final)
        {
            Format = _start.Format,
            Mode = _start.Mode,
            SourceSha256 = sourceSha256,
            StartedBy = _start.StartedBy,
        };
    }

    public void Dispose()
    {
        _apply.Dispose();
        _retain.Dispose();
        _findApplied.Dispose();
        _quarantine.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
