using System.Globalization;
using System.Text;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Quality;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>Quality profiles (jsonb documents) and rule files in PostgreSQL.</summary>
public sealed class PostgresQualityStore : IQualityStore
{
    private readonly PostgresDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresQualityStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<Result<QualityProfile>> SaveProfileAsync(QualityProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long id;
        await using (var command = new NpgsqlCommand(
            """
            INSERT INTO quality_profiles (dataset_no, run_id, trigger, profiled_at, row_count, score, profile_json)
            SELECT no, $2, $3, $4, $5, $6, '{}' FROM datasets WHERE id = $1
            RETURNING id
            """,
            connection,
            transaction))
        {
            command.Parameters.Add(Pg.Text(profile.DatasetId));
            command.Parameters.Add(Pg.Long(profile.RunId));
            command.Parameters.Add(Pg.Text(profile.Trigger.ToString()));
            command.Parameters.Add(Pg.Time(profile.ProfiledAt));
            command.Parameters.Add(Pg.Long(profile.Rows));
            command.Parameters.Add(Pg.Double(profile.Score));
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long assigned)
            {
                return Error.NotFound("dataset.not_found", $"No dataset '{profile.DatasetId}'.");
            }

            id = assigned;
        }

        var stored = profile with { Id = id };
        await using (var update = new NpgsqlCommand("UPDATE quality_profiles SET profile_json = $1 WHERE id = $2", connection, transaction))
        {
            update.Parameters.Add(Pg.Jsonb(JsonSerializer.Serialize(stored, ConcordatJson.Options)));
            update.Parameters.Add(Pg.Long(id));
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <inheritdoc />
    public async Task<QualityProfile?> GetProfileAsync(string datasetId, long profileId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT p.profile_json::text FROM quality_profiles p JOIN datasets d ON d.no = p.dataset_no WHERE d.id = $1 AND p.id = $2", connection);
        command.Parameters.Add(Pg.Text(datasetId));
        command.Parameters.Add(Pg.Long(profileId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? Read(json) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QualityProfile>> ListProfilesAsync(string datasetId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT p.profile_json::text FROM quality_profiles p JOIN datasets d ON d.no = p.dataset_no WHERE d.id = $1 ORDER BY p.id DESC LIMIT $2", connection);
        command.Parameters.Add(Pg.Text(datasetId));
        command.Parameters.Add(Pg.Int(Math.Clamp(limit, 1, 1000)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var profiles = new List<QualityProfile>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            profiles.Add(Read(reader.GetString(0)));
        }

        return profiles;
    }

    /// <inheritdoc />
    /// <remarks>PostgreSQL extracts the few dataset-level figures from each latest profile's jsonb, so the whole documents are not sent.</remarks>
    public async Task<IReadOnlyDictionary<string, QualityProfile>> LatestProfilesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT d.id, p.id, p.run_id, p.trigger, p.profile_json ->> 'profiledAt', p.row_count, p.score,
                (p.profile_json ->> 'completeness')::float8, (p.profile_json ->> 'duplicateKeyRate')::float8,
                (p.profile_json ->> 'freshnessSeconds')::float8, (p.profile_json ->> 'schemaVersion')::integer
            FROM datasets d
            CROSS JOIN LATERAL (SELECT * FROM quality_profiles q WHERE q.dataset_no = d.no ORDER BY q.id DESC LIMIT 1) p
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var latest = new Dictionary<string, QualityProfile>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            double? Real(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
            // From the document, not the timestamptz column: the document keeps the instant to the tick, as SQLite does.
            var profiledAt = DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var freshness = Real(9);
            latest[reader.GetString(0)] = new QualityProfile
            {
                DatasetId = reader.GetString(0),
                Id = reader.GetInt64(1),
                RunId = reader.IsDBNull(2) ? null : reader.GetInt64(2),
                Trigger = Enum.Parse<ProfileTrigger>(reader.GetString(3)),
                ProfiledAt = profiledAt,
                Rows = reader.GetInt64(5),
                Score = Real(6),
                Completeness = Real(7),
                DuplicateKeyRate = Real(8),
                FreshnessSeconds = freshness,
                NewestRecordAt = freshness is { } age ? profiledAt.AddSeconds(-age) : null,
                SchemaVersion = reader.IsDBNull(10) ? 0 : reader.GetInt32(10),
            };
        }

        return latest;
    }

    /// <inheritdoc />
    public async Task<string?> GetRulesAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT r.rules_json FROM quality_rules r JOIN datasets d ON d.no = r.dataset_no WHERE d.id = $1", connection);
        command.Parameters.Add(Pg.Text(datasetId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task<Result<QualityRuleSet>> PutRulesAsync(QualityRuleSet rules, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO quality_rules (dataset_no, rules_json, updated_at)
            SELECT no, $2, $3 FROM datasets WHERE id = $1
            ON CONFLICT (dataset_no) DO UPDATE SET rules_json = excluded.rules_json, updated_at = excluded.updated_at
            """,
            connection);
        command.Parameters.Add(Pg.Text(rules.DatasetId));
        command.Parameters.Add(Pg.Text(rules.SourceJson));
        command.Parameters.Add(Pg.Time(updatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0
            ? Error.NotFound("dataset.not_found", $"No dataset '{rules.DatasetId}'.")
            : rules;
    }

    /// <inheritdoc />
    public long ScanCurrentRecords(string datasetId, RecordVisitor visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        using var connection = _database.Open();
        var runTimes = new Dictionary<long, DateTimeOffset>();
        using (var runs = new NpgsqlCommand("SELECT r.id, r.started_at FROM ingest_runs r JOIN datasets d ON d.no = r.dataset_no WHERE d.id = $1", connection))
        {
            runs.Parameters.Add(Pg.Text(datasetId));
            using var reader = runs.ExecuteReader();
            while (reader.Read())
            {
                runTimes[reader.GetInt64(0)] = Pg.ReadTime(reader, 1);
            }
        }

        // One ordered pass over the primary key: DISTINCT ON keeps each record's highest version. Rows stream from the
        // server as they are read, so one record is in memory at a time.
        using var command = new NpgsqlCommand(
            """
            SELECT DISTINCT ON (v.record_key) v.record_key, v.is_deleted, v.payload, v.run_id
            FROM record_versions v
            WHERE v.dataset_no = (SELECT no FROM datasets WHERE id = $1)
            ORDER BY v.record_key, v.version DESC
            """,
            connection);
        command.Parameters.Add(Pg.Text(datasetId));
        using var records = command.ExecuteReader();
        long visited = 0;
        var buffer = new byte[4096];
        while (records.Read())
        {
            if (records.GetBoolean(1))
            {
                continue;
            }

            if ((visited & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var payload = records.GetString(2);
            var most = Encoding.UTF8.GetMaxByteCount(payload.Length);
            if (buffer.Length < most)
            {
                buffer = new byte[most];
            }

            var length = Encoding.UTF8.GetBytes(payload, buffer);
            visit(buffer.AsSpan(0, length), records.GetString(0), runTimes.GetValueOrDefault(records.GetInt64(3)));
            visited++;
        }

        return visited;
    }

    /// <inheritdoc />
    public async Task<double?> DuplicateKeyRateAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The ingest pipeline quarantines a repeated key with a reason that starts "Duplicate key".
        await using var command = new NpgsqlCommand(
            """
            SELECT r.rows_read, (SELECT count(*) FROM quarantine q WHERE q.run_id = r.id AND q.reasons LIKE '%Duplicate key%')
            FROM ingest_runs r WHERE r.id = $1
            """,
            connection);
        command.Parameters.Add(Pg.Long(runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.GetInt64(0) == 0)
        {
            return null;
        }

        return (double)reader.GetInt64(1) / reader.GetInt64(0);
    }

    private static QualityProfile Read(string json) =>
        JsonSerializer.Deserialize<QualityProfile>(json, ConcordatJson.Options) ?? throw new InvalidDataException("A stored quality profile is empty.");
}
