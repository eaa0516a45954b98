using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Concordat.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Versioned records in the embedded SQLite database, as the ingest sessions wrote them.</summary>
public sealed partial class SqliteRecordStore : IRecordStore
{
    // The current version of the record in row v: its highest version, one primary-key seek.
    private const string CurrentVersion = "SELECT max(w.version) FROM record_versions w WHERE w.dataset_no = v.dataset_no AND w.record_key = v.record_key";

    private readonly SqliteDatabase _database;
    private readonly ConcurrentDictionary<string, bool> _fieldIndexes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _datasetNumbers = new(StringComparer.Ordinal);

    /// <summary>Creates the store over a migrated database.</summary>
    public SqliteRecordStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
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
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IRecordStore.MaxPageSize);
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
    public Task<IReadOnlyList<CommittedRun>> ListCommittedRunsAsync(long afterRunId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IRecordStore.MaxPageSize);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT r.id, d.id FROM ingest_runs r JOIN datasets d ON d.no = r.dataset_no
            WHERE r.id > $after AND r.status = 'Succeeded'
            ORDER BY r.id
            LIMIT {SqliteText.Limit(limit)}
            """;
        command.Parameters.AddWithValue("$after", afterRunId);
        using var reader = command.ExecuteReader();
        var runs = new List<CommittedRun>();
        while (reader.Read())
        {
            runs.Add(new CommittedRun(reader.GetInt64(0), reader.GetString(1)));
        }

        return Task.FromResult<IReadOnlyList<CommittedRun>>(runs);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordVersion>> ListVersionsOfRunAsync(string datasetId, long runId, string? afterKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IRecordStore.MaxPageSize);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        // record_versions_by_run (dataset_no, run_id) finds the run's versions without reading the dataset.
        command.CommandText = $"""
            SELECT v.record_key, v.version, v.run_id, v.is_deleted, v.payload, r.started_at
            FROM datasets d
            JOIN record_versions v ON v.dataset_no = d.no AND v.run_id = $run AND v.record_key > $after
            JOIN ingest_runs r ON r.id = v.run_id
            WHERE d.id = $dataset
            ORDER BY v.record_key
            LIMIT {SqliteText.Limit(limit)}
            """;
        command.Parameters.AddWithValue("$dataset", datasetId);
        command.Parameters.AddWithValue("$run", runId);
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

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldNameRule();

    private static Regex FieldNames => FieldNameRule();
}
