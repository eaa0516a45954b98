using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Ingest runs and quarantine in the embedded SQLite database; records are read through <see cref="SqliteRecordStore"/>.</summary>
public sealed class SqliteIngestStore : IIngestStore
{
    private const string RunColumns = """
        r.id, d.id, r.source_name, r.format, r.mode, r.status, r.started_at, r.finished_at, r.started_by,
        r.rows_read, r.rows_loaded, r.rows_quarantined, r.versions_created, r.records_unchanged, r.tombstones, r.source_sha256, r.error
        """;

    private readonly SqliteDatabase _database;

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
}
