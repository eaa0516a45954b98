using System.Globalization;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Ingestion;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>Ingest runs and quarantine in PostgreSQL; records are read through <see cref="PostgresRecordStore"/>.</summary>
public sealed class PostgresIngestStore : IIngestStore
{
    private const string RunColumns = """
        r.id, d.id, r.source_name, r.format, r.mode, r.status, r.started_at, r.finished_at, r.started_by,
        r.rows_read, r.rows_loaded, r.rows_quarantined, r.versions_created, r.records_unchanged, r.tombstones, r.source_sha256, r.error
        """;

    private readonly PostgresDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresIngestStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public IIngestSession Begin(IngestRunStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return PostgresIngestSession.Open(_database, start);
    }

    /// <inheritdoc />
    public async Task<IngestRun> RecordFailedRunAsync(IngestRunStart start, IngestCounts counts, string error, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(counts);
        long id;
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // Under the ingest lock like every run, so a failed run cannot take an id below a run still open.
            await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresDatabase.IngestLock.ToString(CultureInfo.InvariantCulture)})", connection, transaction))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            id = InsertRun(connection, transaction, start, IngestRunStatus.Failed, counts, null, error, finishedAt);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }

        return (await GetRunAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<IngestRun?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {RunColumns} FROM ingest_runs r JOIN datasets d ON d.no = r.dataset_no WHERE r.id = $1 AND r.status <> 'running'", connection);
        command.Parameters.Add(Pg.Long(runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRun(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IngestRun>> ListRunsAsync(string datasetId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT {RunColumns} FROM ingest_runs r JOIN datasets d ON d.no = r.dataset_no WHERE d.id = $1 AND r.status <> 'running' ORDER BY r.id DESC LIMIT $2", connection);
        command.Parameters.Add(Pg.Text(datasetId));
        command.Parameters.Add(Pg.Int(Math.Clamp(limit, 1, 1000)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<IngestRun>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(ReadRun(reader));
        }

        return runs;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QuarantinedRow>> GetQuarantineAsync(long runId, long afterRowNumber, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IIngestStore.MaxPageSize);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT row_number, values_json, reasons FROM quarantine WHERE run_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3", connection);
        command.Parameters.Add(Pg.Long(runId));
        command.Parameters.Add(Pg.Long(afterRowNumber));
        command.Parameters.Add(Pg.Int(limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<QuarantinedRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(1), ConcordatJson.Options) ?? [];
            var reasons = JsonSerializer.Deserialize<List<string>>(reader.GetString(2), ConcordatJson.Options) ?? [];
            rows.Add(new QuarantinedRow(runId, reader.GetInt64(0), values, reasons));
        }

        return rows;
    }

    /// <summary>Inserts a run row; for failed runs and, inside the run's transaction, for the reservation.</summary>
    internal static long InsertRun(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IngestRunStart start,
        IngestRunStatus? status,
        IngestCounts counts,
        string? sourceSha256,
        string? error,
        DateTimeOffset finishedAt)
    {
        using var command = new NpgsqlCommand(
            """
            INSERT INTO ingest_runs (dataset_no, source_name, format, mode, status, started_at, finished_at, started_by,
                rows_read, rows_loaded, rows_quarantined, versions_created, records_unchanged, tombstones, source_sha256, error)
            SELECT no, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16
            FROM datasets WHERE id = $1
            RETURNING id
            """,
            connection,
            transaction);
        command.Parameters.Add(Pg.Text(start.DatasetId));
        command.Parameters.Add(Pg.Text(start.SourceName));
        command.Parameters.Add(Pg.Text(start.Format.ToString()));
        command.Parameters.Add(Pg.Text(start.Mode.ToString()));
        command.Parameters.Add(Pg.Text(status?.ToString() ?? "running"));
        command.Parameters.Add(Pg.Time(start.StartedAt));
        command.Parameters.Add(Pg.Time(finishedAt));
        command.Parameters.Add(Pg.Text(start.StartedBy));
        command.Parameters.Add(Pg.Long(counts.RowsRead));
        command.Parameters.Add(Pg.Long(counts.RowsLoaded));
        command.Parameters.Add(Pg.Long(counts.RowsQuarantined));
        command.Parameters.Add(Pg.Long(counts.VersionsCreated));
        command.Parameters.Add(Pg.Long(counts.Unchanged));
        command.Parameters.Add(Pg.Long(counts.Tombstones));
        command.Parameters.Add(Pg.Text(sourceSha256));
        command.Parameters.Add(Pg.Text(error));
        return command.ExecuteScalar() is long id
            ? id
            : throw new InvalidOperationException($"Dataset '{start.DatasetId}' does not exist.");
    }

    private static IngestRun ReadRun(NpgsqlDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            Enum.Parse<IngestRunStatus>(reader.GetString(5)),
            Pg.ReadTime(reader, 6),
            Pg.ReadTime(reader, 7),
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
