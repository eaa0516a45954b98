using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Quality;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Quality profiles and rule files in the embedded SQLite database; profiles are stored as JSON documents.</summary>
public sealed class SqliteQualityStore : IQualityStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public SqliteQualityStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task<Result<QualityProfile>> SaveProfileAsync(QualityProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO quality_profiles (dataset_no, run_id, trigger, profiled_at, row_count, score, profile_json)
            SELECT no, $run, $trigger, $at, $rows, $score, '{}' FROM datasets WHERE id = $dataset
            RETURNING id
            """;
        command.Parameters.AddWithValue("$dataset", profile.DatasetId);
        command.Parameters.AddWithValue("$run", (object?)profile.RunId ?? DBNull.Value);
        command.Parameters.AddWithValue("$trigger", profile.Trigger.ToString());
        command.Parameters.AddWithValue("$at", SqliteText.FromTime(profile.ProfiledAt));
        command.Parameters.AddWithValue("$rows", profile.Rows);
        command.Parameters.AddWithValue("$score", (object?)profile.Score ?? DBNull.Value);
        if (command.ExecuteScalar() is not long id)
        {
            return Task.FromResult<Result<QualityProfile>>(Error.NotFound("dataset.not_found", $"No dataset '{profile.DatasetId}'."));
        }

        var stored = profile with { Id = id };
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE quality_profiles SET profile_json = $json WHERE id = $id";
        update.Parameters.AddWithValue("$json", JsonSerializer.Serialize(stored, ConcordatJson.Options));
        update.Parameters.AddWithValue("$id", id);
        update.ExecuteNonQuery();
        transaction.Commit();
        return Task.FromResult<Result<QualityProfile>>(stored);
    }

    /// <inheritdoc />
    public Task<QualityProfile?> GetProfileAsync(string datasetId, long profileId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT p.profile_json FROM quality_profiles p JOIN datasets d ON d.no = p.dataset_no WHERE d.id = $dataset AND p.id = $id";
        command.Parameters.AddWithValue("$dataset", datasetId);
        command.Parameters.AddWithValue("$id", profileId);
        return Task.FromResult(command.ExecuteScalar() is string json ? Read(json) : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QualityProfile>> ListProfilesAsync(string datasetId, int limit, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT p.profile_json FROM quality_profiles p JOIN datasets d ON d.no = p.dataset_no WHERE d.id = $dataset ORDER BY p.id DESC LIMIT {SqliteText.Limit(Math.Clamp(limit, 1, 1000))}";
        command.Parameters.AddWithValue("$dataset", datasetId);
        using var reader = command.ExecuteReader();
        var profiles = new List<QualityProfile>();
        while (reader.Read())
        {
            profiles.Add(Read(reader.GetString(0)));
        }

        return Task.FromResult<IReadOnlyList<QualityProfile>>(profiles);
    }

    /// <inheritdoc />
    /// <remarks>SQLite extracts the few dataset-level figures from each latest profile's JSON, so the whole documents are not deserialised.</remarks>
    public Task<IReadOnlyDictionary<string, QualityProfile>> LatestProfilesAsync(CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.id, p.id, p.run_id, p.trigger, p.profiled_at, p.row_count, p.score,
                json_extract(p.profile_json, '$.completeness'), json_extract(p.profile_json, '$.duplicateKeyRate'),
                json_extract(p.profile_json, '$.freshnessSeconds'), json_extract(p.profile_json, '$.schemaVersion')
            FROM quality_profiles p JOIN datasets d ON d.no = p.dataset_no
            WHERE p.id = (SELECT max(q.id) FROM quality_profiles q WHERE q.dataset_no = p.dataset_no)
            """;
        using var reader = command.ExecuteReader();
        var latest = new Dictionary<string, QualityProfile>(StringComparer.Ordinal);
        while (reader.Read())
        {
            double? Real(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
            var profiledAt = SqliteText.ToTime(reader.GetString(4));
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

        return Task.FromResult<IReadOnlyDictionary<string, QualityProfile>>(latest);
    }

    /// <inheritdoc />
    public Task<string?> GetRulesAsync(string datasetId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT r.rules_json FROM quality_rules r JOIN datasets d ON d.no = r.dataset_no WHERE d.id = $dataset";
        command.Parameters.AddWithValue("$dataset", datasetId);
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    /// <inheritdoc />
    public Task<Result<QualityRuleSet>> PutRulesAsync(QualityRuleSet rules, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO quality_rules (dataset_no, rules_json, updated_at)
            SELECT no, $json, $at FROM datasets WHERE id = $dataset
            ON CONFLICT (dataset_no) DO UPDATE SET rules_json = excluded.rules_json, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$dataset", rules.DatasetId);
        command.Parameters.AddWithValue("$json", rules.SourceJson);
        command.Parameters.AddWithValue("$at", SqliteText.FromTime(updatedAt));
        return Task.FromResult<Result<QualityRuleSet>>(command.ExecuteNonQuery() == 0
            ? Error.NotFound("dataset.not_found", $"No dataset '{rules.DatasetId}'.")
            : rules);
    }

    /// <inheritdoc />
    public long ScanCurrentRecords(string datasetId, RecordVisitor visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        using var connection = _database.Open();
        var runTimes = new Dictionary<long, DateTimeOffset>();
        using (var runs = connection.CreateCommand())
        {
            runs.CommandText = "SELECT r.id, r.started_at FROM ingest_runs r JOIN datasets d ON d.no = r.dataset_no WHERE d.id = $dataset";
            runs.Parameters.AddWithValue("$dataset", datasetId);
            using var reader = runs.ExecuteReader();
            while (reader.Read())
            {
                runTimes[reader.GetInt64(0)] = SqliteText.ToTime(reader.GetString(1));
            }
        }

        // SQLite takes the bare columns of an aggregate query from the row that holds the max(), so this one ordered
        // pass over the primary key yields each record's current version without a per-record subquery.
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT v.record_key, max(v.version), v.is_deleted, v.payload, v.run_id
            FROM record_versions v
            WHERE v.dataset_no = (SELECT no FROM datasets WHERE id = $dataset)
            GROUP BY v.record_key
            """;
        command.Parameters.AddWithValue("$dataset", datasetId);
        using var records = command.ExecuteReader();
        long visited = 0;
        while (records.Read())
        {
            if (records.GetInt64(2) != 0)
            {
                continue;
            }

            if ((visited & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // SQLite hands text out as UTF-8; asking for the bytes skips a UTF-16 string and re-encoding it.
            var payload = records.GetFieldValue<byte[]>(3);
            visit(payload, records.GetString(0), runTimes.GetValueOrDefault(records.GetInt64(4)));
            visited++;
        }

        return visited;
    }

    /// <inheritdoc />
    public Task<double?> DuplicateKeyRateAsync(long runId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();

        // The ingest pipeline quarantines a repeated key with a reason that starts "Duplicate key".
        command.CommandText = """
            SELECT r.rows_read, (SELECT count(*) FROM quarantine q WHERE q.run_id = r.id AND q.reasons LIKE '%Duplicate key%')
            FROM ingest_runs r WHERE r.id = $run
            """;
        command.Parameters.AddWithValue("$run", runId);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(0) == 0)
        {
            return Task.FromResult<double?>(null);
        }

        return Task.FromResult<double?>((double)reader.GetInt64(1) / reader.GetInt64(0));
    }

    private static QualityProfile Read(string json) =>
        JsonSerializer.Deserialize<QualityProfile>(json, ConcordatJson.Options) ?? throw new InvalidDataException("A stored quality profile is empty.");
}
