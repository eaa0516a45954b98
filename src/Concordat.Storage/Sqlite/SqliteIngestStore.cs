using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Concordat.Core;
using Concordat.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Ingest runs, versioned records and quarantine in the embedded SQLite database.</summary>
public sealed partial class SqliteIngestStore : IIngestStore
{
    private const string RunColumns = """
        r.id, d.id, r.source_name, r.format, r.mode, r.status, r.started_at, r.finished_at, r.started_by,
        r.rows_read, r.rows_loaded, r.rows_quarantined, r.versions_created, r.records_unchanged, r.tombstones, r.source_sha256, r.error
        """;

    // The current version of the record in row v: its highest version, one primary-key seek.
    private const string CurrentVersion = "SELECT max(w.version) FROM record_versions w WHERE w.dataset_no = v.dataset_no AND w.record_key = v.record_key";

    private readonly SqliteDatabase _database;
    private readonly ConcurrentDictionary<string, bool> _fieldIndexes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _datasetNumbers = new(StringComparer.Ordinal);

    /// <summary>Creates the store over a migrated database.</summary>
    public SqliteIngestStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public IIngestSession Begin(IngestRunStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return SqliteIngestSession.Open(_database, start);
    }

    /// <inheritdoc />
    public async Task<IngestRun> RecordFailedRunAsync(IngestRunStart start, IngestCounts counts, string error, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(counts);
        long id;
        try
        {
            using var connection = _database.Open();
            id = InsertRun(connection, null, start, IngestRunStatus.Failed, counts, null, error, finishedAt);
        }
        catch (SqliteException ex) when (SqliteErrors.IsEnvironmental(ex))
        {
            throw SqliteErrors.Translate(ex);
        }

        return (await GetRunAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public Task<IngestRun?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunColumns} FROM ingest_runs r JOIN datasets d ON d.no = r.dataset_no WHERE r.id = $id AND r.status <> 'running'";
        command.Parameters.AddWithValue("$id", runId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadRun(reader) : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IngestRun>> ListRunsAsync(string datasetId, int limit, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunColumns} FROM ingest_runs r JOIN datasets d ON d.no = r.dataset_no WHERE d.id = $dataset AND r.status <> 'running' ORDER BY r.id DESC LIMIT {SqliteText.Limit(Math.Clamp(limit, 1, 1000))}";
        command.Parameters.AddWithValue("$dataset", datasetId);
        using var reader = command.ExecuteReader();
        var runs = new List<IngestRun>();
        while (reader.Read())
        {
            runs.Add(ReadRun(reader));
        }

        return Task.FromResult<IReadOnlyList<IngestRun>>(runs);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QuarantinedRow>> GetQuarantineAsync(long runId, long afterRowNumber, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IIngestStore.MaxPageSize);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT row_number, values_json, reasons FROM quarantine WHERE run_id = $run AND row_number > $after ORDER BY row_number LIMIT {SqliteText.Limit(limit)}";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$after", afterRowNumber);
        using var reader = command.ExecuteReader();
        var rows = new List<QuarantinedRow>();
        while (reader.Read())
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(1), ConcordatJson.Options) ?? [];
            var reasons = JsonSerializer.Deserialize<List<string>>(reader.GetString(2), ConcordatJson.Options) ?? [];
            rows.Add(new QuarantinedRow(runId, reader.GetInt64(0), values, reasons));
        }

        return Task.FromResult<IReadOnlyList<QuarantinedRow>>(rows);
    }

    /// <inheritdoc />
    public Task<RecordVersion?> GetRecordAsync(string datasetId, string key, CancellationToken cancellationToken)
    {
        using var connection = _database.Borrow();
        var command = connection.Command("""
            SELECT v.record_key, v.version, v.run_id, v.is_deleted, v.payload, r.started_at
            FROM datasets d
            JOIN record_versions v ON v.dataset_no = d.no AND v.record_key = $key
            JOIN ingest_runs r ON r.id = v.run_id
            WHERE d.id = $dataset
            ORDER BY v.version DESC
            LIMIT 1
            """);
        command.Parameters.AddWithValue("$dataset", datasetId);
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadVersion(datasetId, reader) : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordVersion>> GetHistoryAsync(string datasetId, string key, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT v.record_key, v.version, v.run_id, v.is_deleted, v.payload, r.started_at
            FROM datasets d
            JOIN record_versions v ON v.dataset_no = d.no AND v.record_key = $key
            JOIN ingest_runs r ON r.id = v.run_id
            WHERE d.id = $dataset
            ORDER BY v.version
            """;
        command.Parameters.AddWithValue("$dataset", datasetId);
        command.Parameters.AddWithValue("$key", key);
        return Task.FromResult<IReadOnlyList<RecordVersion>>(ReadVersions(datasetId, command));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordVersion>> ListRecordsAsync(string datasetId, string? afterKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IIngestStore.MaxPageSize);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT v.record_key, v.version, v.run_id, v.is_deleted, v.payload, r.started_at
            FROM datasets d
            JOIN record_versions v ON v.dataset_no = d.no AND v.record_key > $after AND v.is_deleted = 0
            JOIN ingest_runs r ON r.id = v.run_id
            WHERE d.id = $dataset AND v.version = ({CurrentVersion})
            ORDER BY v.record_key
            LIMIT {SqliteText.Limit(limit)}
            """;
        command.Parameters.AddWithValue("$dataset", datasetId);
        command.Parameters.AddWithValue("$after", afterKey ?? string.Empty);
        return Task.FromResult<IReadOnlyList<RecordVersion>>(ReadVersions(datasetId, command));
    }

    /// <inheritdoc />
    public Task<long> CountRecordsAsync(string datasetId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM record_versions v JOIN datasets d ON d.no = v.dataset_no WHERE d.id = $dataset AND v.is_deleted = 0 AND v.version = ({CurrentVersion})";
        command.Parameters.AddWithValue("$dataset", datasetId);
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    /// <summary>Inserts a run row; used for failed runs and, inside the run's transaction, for the reservation.</summary>
    internal static long InsertRun(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        IngestRunStart start,
        IngestRunStatus? status,
        IngestCounts counts,
        string? sourceSha256,
        string? error,
        DateTimeOffset finishedAt)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO ingest_runs (dataset_no, source_name, format, mode, status, started_at, finished_at, started_by,
                rows_read, rows_loaded, rows_quarantined, versions_created, records_unchanged, tombstones, source_sha256, error)
            SELECT no, $source, $format, $mode, $status, $started, $finished, $by, $read, $loaded, $quarantined, $versions, $unchanged, $tombstones, $sha, $error
            FROM datasets WHERE id = $dataset
            RETURNING id
            """;
        command.Parameters.AddWithValue("$dataset", start.DatasetId);
        command.Parameters.AddWithValue("$source", start.SourceName);
        command.Parameters.AddWithValue("$format", start.Format.ToString());
        command.Parameters.AddWithValue("$mode", start.Mode.ToString());
        command.Parameters.AddWithValue("$status", status?.ToString() ?? "running");
        command.Parameters.AddWithValue("$started", SqliteText.FromTime(start.StartedAt));
        command.Parameters.AddWithValue("$finished", SqliteText.FromTime(finishedAt));
        command.Parameters.AddWithValue("$by", start.StartedBy);
        command.Parameters.AddWithValue("$read", counts.RowsRead);
        command.Parameters.AddWithValue("$loaded", counts.RowsLoaded);
        command.Parameters.AddWithValue("$quarantined", counts.RowsQuarantined);
        command.Parameters.AddWithValue("$versions", counts.VersionsCreated);
        command.Parameters.AddWithValue("$unchanged", counts.Unchanged);
        command.Parameters.AddWithValue("$tombstones", counts.Tombstones);
        command.Parameters.AddWithValue("$sha", (object?)sourceSha256 ?? DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        return command.ExecuteScalar() is long id
            ? id
            : throw new InvalidOperationException($"Dataset '{start.DatasetId}' does not exist.");
    }

    private static List<RecordVersion> ReadVersions(string datasetId, SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<RecordVersion>();
        while (reader.Read())
        {
            list.Add(ReadVersion(datasetId, reader));
        }

        return list;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordVersion>> FindCurrentByFieldAsync(string datasetId, string field, string value, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!FieldNames.IsMatch(field ?? ""))
        {
            throw new ArgumentException($"'{field}' is not a schema field name.", nameof(field));
        }

        using var connection = _database.Borrow();
        // A dataset's number never changes once assigned, so it is looked up once per dataset.
        if (!_datasetNumbers.TryGetValue(datasetId, out var datasetNo))
        {
            var find = connection.Command("SELECT no FROM datasets WHERE id = $dataset");
            find.Parameters.AddWithValue("$dataset", datasetId);
            if (find.ExecuteScalar() is not long no)
            {
                return Task.FromResult<IReadOnlyList<RecordVersion>>([]);
            }

            datasetNo = _datasetNumbers.GetOrAdd(datasetId, no);
        }

        // A partial expression index per (dataset, field), built on first use: the look-up then costs one index seek.
        // The dataset number is an integer from the database and the field name matched the schema's name rule, so both
        // are safe to write into the statement (a partial index needs literal constants).
        var expression = $"json_extract(payload, '$.{field}')";
        var indexName = $"ix_record_field_{datasetNo}_{field}";
        if (_fieldIndexes.TryAdd(indexName, true))
        {
            using var create = connection.Connection.CreateCommand();
            create.CommandText = $"CREATE INDEX IF NOT EXISTS {indexName} ON record_versions ({expression}) WHERE dataset_no = {datasetNo}";
            try
            {
                create.ExecuteNonQuery();
            }
            catch
            {
                _fieldIndexes.TryRemove(indexName, out _);
                throw;
            }
        }

        var command = connection.Command($"""
            SELECT v.record_key, v.version, v.run_id, v.is_deleted, v.payload, r.started_at
            FROM record_versions v
            JOIN ingest_runs r ON r.id = v.run_id
            WHERE v.dataset_no = {datasetNo} AND {expression} = $value AND v.is_deleted = 0 AND v.version = ({CurrentVersion})
            ORDER BY v.record_key
            LIMIT {SqliteText.Limit(limit)}
            """);
        command.Parameters.AddWithValue("$value", value);
        using var reader = command.ExecuteReader();
        var found = new List<RecordVersion>();
        while (reader.Read())
        {
            found.Add(ReadVersion(datasetId, reader));
        }

        return Task.FromResult<IReadOnlyList<RecordVersion>>(found);
    }

    private static RecordVersion ReadVersion(string datasetId, SqliteDataReader reader) =>
        new(datasetId, reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3) != 0, reader.GetString(4), SqliteText.ToTime(reader.GetString(5)));

    private static IngestRun ReadRun(SqliteDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            Enum.Parse<IngestRunStatus>(reader.GetString(5)),
            SqliteText.ToTime(reader.GetString(6)),
            SqliteText.ToTime(reader.GetString(7)),
            new IngestCounts
            {
                RowsRead = reader.GetInt64(9),
                RowsLoaded = reader.GetInt64(10),
                RowsQuarantined = reader.GetInt64(11),
                VersionsCreated = reader.GetInt64(12),
                Unchanged = reader.GetInt64(13),
                Tombstones = reader.GetInt64(14),
            })
        {
            Format = Enum.Parse<SourceFormat>(reader.GetString(3)),
            Mode = Enum.Parse<RefreshMode>(reader.GetString(4)),
            StartedBy = reader.IsDBNull(8) ? null : reader.GetString(8),
            SourceSha256 = reader.IsDBNull(15) ? null : reader.GetString(15),
            Error = reader.IsDBNull(16) ? null : reader.GetString(16),
        };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldNameRule();

    private static Regex FieldNames => FieldNameRule();
}
