using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Linkage;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Persons, their record links and the clerical review queue in the embedded SQLite database. Thread safe.</summary>
public sealed class SqlitePersonStore : IPersonStore
{
    private const string ReviewColumns = "id, left_dataset, left_key, right_dataset, right_key, match_weight, match_probability, explanation, status, decided_by, decided_at, decision_reason";
    // Link changes kept for readers of the feed; one further behind reads the links whole.
    private const long LinkChangesKept = 1_000_000;
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public SqlitePersonStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<RecordRef, string>> GetLinksAsync(CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT dataset_id, record_key, person_id FROM person_records";
        using var reader = command.ExecuteReader();
        var links = new Dictionary<RecordRef, string>();
        while (reader.Read())
        {
            links[new RecordRef(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        }

        return Task.FromResult<IReadOnlyDictionary<RecordRef, string>>(links);
    }

    /// <inheritdoc />
    public Task<PersonLinkChanges> GetLinkChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IPersonStore.MaxPageSize);
        using var connection = _database.Open();
        // A read transaction (deferred: no write lock) so the head and the page come from one snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var head = Command(connection, transaction, "SELECT (SELECT coalesce(max(seq), 0) FROM person_link_changes), (SELECT upto FROM person_link_changes_pruned WHERE id = 1)");
        long latest, pruned;
        using (var reader = head.ExecuteReader())
        {
            reader.Read();
            (latest, pruned) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        using var read = Command(connection, transaction, $"""
            SELECT c.seq, c.dataset_id, c.record_key, r.person_id
            FROM person_link_changes c
            LEFT JOIN person_records r ON r.dataset_id = c.dataset_id AND r.record_key = c.record_key
            WHERE c.seq > $after
            ORDER BY c.seq
            LIMIT {SqliteText.Limit(limit)}
            """);
        read.Parameters.AddWithValue("$after", afterSequence);
        var changes = new List<PersonLinkChange>();
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                changes.Add(new PersonLinkChange(reader.GetInt64(0), new RecordRef(reader.GetString(1), reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        transaction.Commit();
        return Task.FromResult(new PersonLinkChanges(changes, latest, pruned));
    }

    /// <inheritdoc />
    public Task<string?> GetPersonIdAsync(RecordRef record, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT person_id FROM person_records WHERE dataset_id = $d AND record_key = $k";
        command.Parameters.AddWithValue("$d", record.DatasetId);
        command.Parameters.AddWithValue("$k", record.RecordKey);
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    /// <inheritdoc />
    public Task<LinkageSettings?> GetSettingsAsync(CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT settings_json FROM linkage_settings WHERE id = 1";
        return Task.FromResult(command.ExecuteScalar() is string json ? ReadSettings(json) : null);
    }

    /// <inheritdoc />
    public Task SaveAsync(PersonResolution resolution, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var now = SqliteText.FromTime(at);
        // A link that already names its person is left alone, so the link feed (migration 0022's triggers) carries only
        // the records a resolution actually moved or added.
        using (var upsert = Command(connection, transaction, """
            INSERT INTO persons (person_id, golden, record_count, created_at, updated_at) VALUES ($p, $g, $n, $t, $t)
            ON CONFLICT (person_id) DO UPDATE SET golden = excluded.golden, record_count = excluded.record_count, updated_at = excluded.updated_at
            """))
        using (var link = Command(connection, transaction, """
            INSERT INTO person_records (dataset_id, record_key, person_id) VALUES ($d, $k, $p)
            ON CONFLICT (dataset_id, record_key) DO UPDATE SET person_id = excluded.person_id
                WHERE person_records.person_id <> excluded.person_id
            """))
        {
            foreach (var person in resolution.Persons)
            {
                Run(upsert, ("$p", person.PersonId), ("$g", GoldenJson(person)), ("$n", person.Records.Count), ("$t", now));
                foreach (var record in person.Records)
                {
                    Run(link, ("$d", record.DatasetId), ("$k", record.RecordKey), ("$p", person.PersonId));
                }
            }
        }

        using (var prune = Command(connection, transaction, """
            UPDATE person_link_changes_pruned SET upto = max(upto, (SELECT coalesce(max(seq), 0) FROM person_link_changes) - $keep) WHERE id = 1;
            DELETE FROM person_link_changes WHERE seq <= (SELECT upto FROM person_link_changes_pruned WHERE id = 1);
            """))
        {
            Run(prune, ("$keep", LinkChangesKept));
        }

        using (var orphans = Command(connection, transaction, "DELETE FROM persons WHERE NOT EXISTS (SELECT 1 FROM person_records r WHERE r.person_id = persons.person_id)"))
        {
            orphans.ExecuteNonQuery();
        }

        using (var queue = Command(connection, transaction, """
            INSERT INTO link_reviews (left_dataset, left_key, right_dataset, right_key, match_weight, match_probability, explanation, status, created_at)
            VALUES ($ld, $lk, $rd, $rk, $w, $p, $e, 'pending', $t)
            ON CONFLICT (left_dataset, left_key, right_dataset, right_key) DO UPDATE
                SET match_weight = excluded.match_weight, match_probability = excluded.match_probability, explanation = excluded.explanation
                WHERE link_reviews.status = 'pending'
            """))
        {
            foreach (var item in resolution.ReviewQueue)
            {
                Run(
                    queue,
                    ("$ld", item.Left.DatasetId), ("$lk", item.Left.RecordKey), ("$rd", item.Right.DatasetId), ("$rk", item.Right.RecordKey),
                    ("$w", item.MatchWeight), ("$p", item.MatchProbability),
                    ("$e", item.Explanation is null ? DBNull.Value : JsonSerializer.Serialize(item.Explanation, ConcordatJson.Options)), ("$t", now));
            }
        }

        if (resolution.Settings is { } settings)
        {
            using var keep = Command(connection, transaction, """
                INSERT INTO linkage_settings (id, settings_json, updated_at) VALUES (1, $s, $t)
                ON CONFLICT (id) DO UPDATE SET settings_json = excluded.settings_json, updated_at = excluded.updated_at
                """);
            Run(keep, ("$s", LinkageSettingsJson.Write(settings)), ("$t", now));
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Person?> GetPersonAsync(string personId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        return Task.FromResult(ReadPersons(connection, "WHERE p.person_id = $id", ("$id", personId), 1).FirstOrDefault());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Person>> ListPersonsAsync(string? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IPersonStore.MaxPageSize);
        using var connection = _database.Open();
        return Task.FromResult<IReadOnlyList<Person>>(ReadPersons(connection, "WHERE p.person_id > $id", ("$id", afterId ?? ""), limit));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewItem>> ListReviewsAsync(ReviewStatus status, long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IPersonStore.MaxPageSize);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReviewColumns} FROM link_reviews WHERE status = $s AND id > $after ORDER BY id LIMIT {SqliteText.Limit(limit)}";
        command.Parameters.AddWithValue("$s", StatusText(status));
        command.Parameters.AddWithValue("$after", afterId);
        return Task.FromResult<IReadOnlyList<ReviewItem>>(ReadReviews(command));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewItem>> ListReviewsByUncertaintyAsync(ReviewStatus status, ReviewPosition? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        var from = after is null ? "" : "AND (abs(match_weight) > $u OR (abs(match_weight) = $u AND id > $id))";
        command.CommandText = $"SELECT {ReviewColumns} FROM link_reviews WHERE status = $s {from} ORDER BY abs(match_weight), id LIMIT {SqliteText.Limit(limit)}";
        command.Parameters.AddWithValue("$s", StatusText(status));
        if (after is { } position)
        {
            command.Parameters.AddWithValue("$u", position.Uncertainty);
            command.Parameters.AddWithValue("$id", position.Id);
        }

        return Task.FromResult<IReadOnlyList<ReviewItem>>(ReadReviews(command));
    }

    /// <inheritdoc />
    public Task<ReviewItem?> GetReviewAsync(long id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReviewColumns} FROM link_reviews WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        var items = ReadReviews(command);
        return Task.FromResult(items.Count == 0 ? null : items[0]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewItem>> ReviewsOfRecordsAsync(IReadOnlyCollection<RecordRef> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ReviewColumns} FROM link_reviews WHERE left_dataset = $d AND left_key = $k
            UNION SELECT {ReviewColumns} FROM link_reviews WHERE right_dataset = $d AND right_key = $k
            """;
        var dataset = command.Parameters.Add("$d", SqliteType.Text);
        var key = command.Parameters.Add("$k", SqliteType.Text);
        var found = new SortedDictionary<long, ReviewItem>();
        foreach (var record in records.Distinct())
        {
            dataset.Value = record.DatasetId;
            key.Value = record.RecordKey;
            foreach (var item in ReadReviews(command))
            {
                found[item.Id] = item;
            }
        }

        return Task.FromResult<IReadOnlyList<ReviewItem>>([.. found.Values]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewItem>> GetDecisionsAsync(CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReviewColumns} FROM link_reviews WHERE status <> 'pending' ORDER BY id";
        return Task.FromResult<IReadOnlyList<ReviewItem>>(ReadReviews(command));
    }

    /// <inheritdoc />
    public Task<Result<ReviewItem>> DecideAsync(long id, bool accept, string steward, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(steward);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var update = Command(connection, transaction, "UPDATE link_reviews SET status = $s, decided_by = $by, decided_at = $at, decision_reason = $why WHERE id = $id AND status = 'pending'");
        var changed = Run(update, ("$s", accept ? "accepted" : "rejected"), ("$by", steward), ("$at", SqliteText.FromTime(at)), ("$why", (object?)reason ?? DBNull.Value), ("$id", id));
        using var read = Command(connection, transaction, $"SELECT {ReviewColumns} FROM link_reviews WHERE id = $id");
        read.Parameters.AddWithValue("$id", id);
        var items = ReadReviews(read);
        var item = items.Count > 0 ? items[0] : null;
        transaction.Commit();
        if (item is null)
        {
            return Task.FromResult<Result<ReviewItem>>(Error.NotFound("review.not_found", $"No review item {id}."));
        }

        return Task.FromResult<Result<ReviewItem>>(changed == 0
            ? Error.Conflict("review.already_decided", $"Review item {id} was already {StatusText(item.Status)} by {item.DecidedBy}.")
            : item);
    }

    private static List<Person> ReadPersons(SqliteConnection connection, string where, (string Name, object Value) parameter, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT p.person_id, p.golden, r.dataset_id, r.record_key
            FROM (SELECT person_id, golden FROM persons p {where} ORDER BY person_id LIMIT {SqliteText.Limit(limit)}) p
            JOIN person_records r ON r.person_id = p.person_id
            ORDER BY p.person_id, r.dataset_id, r.record_key
            """;
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        using var reader = command.ExecuteReader();
        var persons = new List<Person>();
        string? current = null;
        string? golden = null;
        var records = new List<RecordRef>();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            if (id != current && current is not null)
            {
                persons.Add(FromGolden(current, golden!, records));
                records = [];
            }

            current = id;
            golden = reader.GetString(1);
            records.Add(new RecordRef(reader.GetString(2), reader.GetString(3)));
        }

        if (current is not null)
        {
            persons.Add(FromGolden(current, golden!, records));
        }

        return persons;
    }

    private static string GoldenJson(Person person) => JsonSerializer.Serialize(
        new StoredGolden(person.Golden, person.GoldenSources.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal)),
        ConcordatJson.Options);

    private static Person FromGolden(string id, string json, List<RecordRef> records)
    {
        var stored = JsonSerializer.Deserialize<StoredGolden>(json, ConcordatJson.Options)!;
        return new Person
        {
            PersonId = id,
            Records = records,
            Golden = stored.Values,
            GoldenSources = stored.Sources.ToDictionary(
                p => p.Key,
                p => records.FirstOrDefault(r => r.ToString() == p.Value, new RecordRef("", p.Value)),
                StringComparer.Ordinal),
        };
    }

    private static List<ReviewItem> ReadReviews(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var items = new List<ReviewItem>();
        while (reader.Read())
        {
            items.Add(new ReviewItem
            {
                Id = reader.GetInt64(0),
                Left = new RecordRef(reader.GetString(1), reader.GetString(2)),
                Right = new RecordRef(reader.GetString(3), reader.GetString(4)),
                MatchWeight = reader.GetDouble(5),
                MatchProbability = reader.GetDouble(6),
                Explanation = reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<PairExplanation>(reader.GetString(7), ConcordatJson.Options),
                Status = reader.GetString(8) switch { "accepted" => ReviewStatus.Accepted, "rejected" => ReviewStatus.Rejected, _ => ReviewStatus.Pending },
                DecidedBy = reader.IsDBNull(9) ? null : reader.GetString(9),
                DecidedAt = reader.IsDBNull(10) ? null : SqliteText.ToTime(reader.GetString(10)),
                DecisionReason = reader.IsDBNull(11) ? null : reader.GetString(11),
            });
        }

        return items;
    }

    private static string StatusText(ReviewStatus status) => status switch
    {
        ReviewStatus.Accepted => "accepted",
        ReviewStatus.Rejected => "rejected",
        _ => "pending",
    };

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static int Run(SqliteCommand command, params (string Name, object Value)[] parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    // Settings stored by an earlier build that no longer read are treated as absent: the next resolution replaces them.
    private static LinkageSettings? ReadSettings(string json)
    {
        var read = LinkageSettingsJson.Read(json);
        return read.IsSuccess ? read.Value : null;
    }

    private sealed record StoredGolden(IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string> Sources);
}
