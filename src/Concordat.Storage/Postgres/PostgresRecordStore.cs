using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Concordat.Core.Ingestion;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>Versioned records in PostgreSQL, as the ingest sessions wrote them.</summary>
public sealed partial class PostgresRecordStore : IRecordStore
{
    private const string VersionColumns = "v.record_key, v.version, v.run_id, v.is_deleted, v.payload, r.started_at";

    private readonly PostgresDatabase _database;
    private readonly ConcurrentDictionary<string, bool> _fieldIndexes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _datasetNumbers = new(StringComparer.Ordinal);

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresRecordStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<RecordVersion?> GetRecordAsync(string datasetId, string key, CancellationToken cancellationToken)
    {
        var found = await ReadVersionsAsync(
            datasetId,
            $"""
            SELECT {VersionColumns}
            FROM datasets d
            JOIN record_versions v ON v.dataset_no = d.no AND v.record_key = $2
            JOIN ingest_runs r ON r.id = v.run_id
            WHERE d.id = $1
            ORDER BY v.version DESC
            LIMIT 1
            """,
            [Pg.Text(datasetId), Pg.Text(key)],
            cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordVersion>> GetHistoryAsync(string datasetId, string key, CancellationToken cancellationToken) =>
        await ReadVersionsAsync(
            datasetId,
            $"""
            SELECT {VersionColumns}
            FROM datasets d
            JOIN record_versions v ON v.dataset_no = d.no AND v.record_key = $2
            JOIN ingest_runs r ON r.id = v.run_id
            WHERE d.id = $1
            ORDER BY v.version
            """,
            [Pg.Text(datasetId), Pg.Text(key)],
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordVersion>> ListRecordsAsync(string datasetId, string? afterKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IRecordStore.MaxPageSize);
        return await ReadVersionsAsync(
            datasetId,
            $"""
            SELECT {VersionColumns}
            FROM (SELECT DISTINCT ON (w.record_key) w.*
                  FROM record_versions w JOIN datasets d ON d.no = w.dataset_no
                  WHERE d.id = $1 AND w.record_key > $2
                  ORDER BY w.record_key, w.version DESC) v
            JOIN ingest_runs r ON r.id = v.run_id
            WHERE NOT v.is_deleted
            ORDER BY v.record_key
            LIMIT $3
            """,
            [Pg.Text(datasetId), Pg.Text(afterKey ?? string.Empty), Pg.Int(limit)],
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CommittedRun>> ListCommittedRunsAsync(long afterRunId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IRecordStore.MaxPageSize);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT r.id, d.id FROM ingest_runs r JOIN datasets d ON d.no = r.dataset_no
            WHERE r.id > $1 AND r.status = 'Succeeded'
            ORDER BY r.id
            LIMIT $2
            """,
            connection);
        command.Parameters.Add(Pg.Long(afterRunId));
        command.Parameters.Add(Pg.Int(limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<CommittedRun>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new CommittedRun(reader.GetInt64(0), reader.GetString(1)));
        }

        return runs;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordVersion>> ListVersionsOfRunAsync(string datasetId, long runId, string? afterKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IRecordStore.MaxPageSize);
        return await ReadVersionsAsync(
            datasetId,
            $"""
            SELECT {VersionColumns}
            FROM record_versions v JOIN datasets d ON d.no = v.dataset_no
            JOIN ingest_runs r ON r.id = v.run_id
            WHERE d.id = $1 AND v.run_id = $2 AND v.record_key > $3
            ORDER BY v.record_key
            LIMIT $4
            """,
            [Pg.Text(datasetId), Pg.Long(runId), Pg.Text(afterKey ?? string.Empty), Pg.Int(limit)],
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> CountRecordsAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM (SELECT DISTINCT ON (w.record_key) w.is_deleted
                                  FROM record_versions w JOIN datasets d ON d.no = w.dataset_no
                                  WHERE d.id = $1 ORDER BY w.record_key, w.version DESC) v
            WHERE NOT v.is_deleted
            """,
            connection);
        command.Parameters.Add(Pg.Text(datasetId));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordVersion>> FindCurrentByFieldAsync(string datasetId, string field, string value, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (field is null || !FieldNameRule().IsMatch(field))
        {
            throw new ArgumentException($"'{field}' is not a schema field name.", nameof(field));
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // A dataset's number never changes once assigned, so it is looked up once per dataset.
        if (!_datasetNumbers.TryGetValue(datasetId, out var datasetNo))
        {
            await using var find = new NpgsqlCommand("SELECT no FROM datasets WHERE id = $1", connection);
            find.Parameters.Add(Pg.Text(datasetId));
            if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long no)
            {
                return [];
            }

            datasetNo = _datasetNumbers.GetOrAdd(datasetId, no);
        }

        // A partial expression index per (dataset, field), built on first use (IF NOT EXISTS: every node may try): the
        // look-up then costs one index seek. The dataset number is an integer from the database and the field name
        // matched the schema's name rule, so both are safe to write into the statement (a partial index needs literals).
        var expression = $"((payload::jsonb) ->> '{field}')";
        var number = datasetNo.ToString(CultureInfo.InvariantCulture);
        var indexName = IndexName(number, field);
        if (_fieldIndexes.TryAdd(indexName, true) && !await IndexExistsAsync(connection, indexName, cancellationToken).ConfigureAwait(false))
        {
            await using var create = new NpgsqlCommand($"CREATE INDEX IF NOT EXISTS {indexName} ON record_versions ({expression}) WHERE dataset_no = {number}", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (PostgresErrors.IsUniqueViolation(ex))
            {
                // Another node created it at the same moment: the index exists, which is all that was wanted.
            }
            catch
            {
                _fieldIndexes.TryRemove(indexName, out _);
                throw;
            }
        }

        await using var command = new NpgsqlCommand(
            $"""
            SELECT {VersionColumns}
            FROM record_versions v
            JOIN ingest_runs r ON r.id = v.run_id
            WHERE v.dataset_no = {number} AND {expression} = $1 AND NOT v.is_deleted
              AND v.version = (SELECT max(w.version) FROM record_versions w WHERE w.dataset_no = v.dataset_no AND w.record_key = v.record_key)
            ORDER BY v.record_key
            LIMIT $2
            """,
            connection);
        command.Parameters.Add(Pg.Text(value));
        command.Parameters.Add(Pg.Int(limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<RecordVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(ReadVersion(datasetId, reader));
        }

        return found;
    }

    // PostgreSQL folds unquoted names to lower case and cuts them at 63 bytes; a field name that would not survive both
    // is named by its hash, so two fields never share an index name.
    private static string IndexName(string datasetNo, string field)
    {
        var plain = $"ix_record_field_{datasetNo}_{field}";
        if (plain.Length <= 63 && !field.Any(char.IsAsciiLetterUpper))
        {
            return plain;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(field)).AsSpan(0, 8));
        return $"ix_record_field_{datasetNo}_h{hash}";
    }

    // Checked before CREATE INDEX because CREATE INDEX IF NOT EXISTS takes its table lock before it looks, and would wait
    // for an ingest in progress even when the index is already there.
    private static async Task<bool> IndexExistsAsync(NpgsqlConnection connection, string indexName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        command.Parameters.Add(Pg.Text(indexName));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<List<RecordVersion>> ReadVersionsAsync(string datasetId, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<RecordVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadVersion(datasetId, reader));
        }

        return list;
    }

    private static RecordVersion ReadVersion(string datasetId, NpgsqlDataReader reader) =>
        new(datasetId, reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetBoolean(3), reader.GetString(4), Pg.ReadTime(reader, 5));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldNameRule();
}
