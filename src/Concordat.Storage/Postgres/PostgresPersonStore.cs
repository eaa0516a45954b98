using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Linkage;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>
/// Persons, their record links and the clerical review queue in PostgreSQL. A resolution is saved with set-based
/// statements over arrays (one round trip per step, whatever its size), in one transaction. Thread safe.
/// </summary>
public sealed class PostgresPersonStore : IPersonStore
{
    private const string ReviewColumns = "id, left_dataset, left_key, right_dataset, right_key, match_weight, match_probability, explanation, status, decided_by, decided_at, decision_reason";

    // Resolutions are saved one at a time across every node, as SQLite's single writer saves them ("CONCORDP").
    private const long SaveLock = 0x434F4E434F524450;
    // Link changes kept for readers of the feed; one further behind reads the links whole.
    private const long LinkChangesKept = 1_000_000;
    private readonly PostgresDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresPersonStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<RecordRef, string>> GetLinksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT dataset_id, record_key, person_id FROM person_records", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var links = new Dictionary<RecordRef, string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            links[new RecordRef(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        }

        return links;
    }

    /// <inheritdoc />
    public async Task<PersonLinkChanges> GetLinkChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IPersonStore.MaxPageSize);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot for the head and the page, so the page never runs past the head it reports.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        long latest, pruned;
        await using (var head = new NpgsqlCommand("SELECT (SELECT coalesce(max(seq), 0) FROM person_link_changes), (SELECT upto FROM person_link_changes_pruned WHERE id = 1)", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (latest, pruned) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var changes = new List<PersonLinkChange>();
        await using (var read = new NpgsqlCommand(
            """
            SELECT c.seq, c.dataset_id, c.record_key, r.person_id
            FROM person_link_changes c
            LEFT JOIN person_records r ON r.dataset_id = c.dataset_id AND r.record_key = c.record_key
            WHERE c.seq > $1
            ORDER BY c.seq
            LIMIT $2
            """,
            connection,
            transaction))
        {
            read.Parameters.Add(Pg.Long(afterSequence));
            read.Parameters.Add(Pg.Int(limit));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                changes.Add(new PersonLinkChange(reader.GetInt64(0), new RecordRef(reader.GetString(1), reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PersonLinkChanges(changes, latest, pruned);
    }

    /// <inheritdoc />
    public async Task<string?> GetPersonIdAsync(RecordRef record, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT person_id FROM person_records WHERE dataset_id = $1 AND record_key = $2", connection);
        command.Parameters.Add(Pg.Text(record.DatasetId));
        command.Parameters.Add(Pg.Text(record.RecordKey));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task<LinkageSettings?> GetSettingsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT settings_json FROM linkage_settings WHERE id = 1", connection);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string json)
        {
            return null;
        }

        // Settings an earlier build wrote that no longer read are treated as absent: the next resolution replaces them.
        var read = LinkageSettingsJson.Read(json);
        return read.IsSuccess ? read.Value : null;
    }

    /// <inheritdoc />
    public async Task SaveAsync(PersonResolution resolution, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        var linkDatasets = new List<string>();
        var linkKeys = new List<string>();
        var linkPersons = new List<string>();
        foreach (var person in resolution.Persons)
        {
            foreach (var record in person.Records)
            {
                linkDatasets.Add(record.DatasetId);
                linkKeys.Add(record.RecordKey);
                linkPersons.Add(person.PersonId);
            }
        }

        // One statement cannot upsert the same row twice, so a person or pair named twice keeps its last values (as the
        // second of two single-row upserts would leave it) at the place it was first named.
        var persons = LastByFirst(resolution.Persons, p => p.PersonId);
        var queue = LastByFirst(resolution.ReviewQueue, q => (q.Left, q.Right));
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock($1)", Pg.Long(SaveLock)));
        batch.BatchCommands.Add(Command(
            """
            INSERT INTO persons (person_id, golden, record_count, created_at, updated_at)
            SELECT p, g, n, $4, $4 FROM unnest($1::text[], $2::text[], $3::integer[]) AS x(p, g, n)
            ON CONFLICT (person_id) DO UPDATE SET golden = excluded.golden, record_count = excluded.record_count, updated_at = excluded.updated_at
            """,
            Pg.TextArray([.. persons.Select(p => p.PersonId)]),
            Pg.TextArray([.. persons.Select(GoldenJson)]),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Integer, Value = persons.Select(p => p.Records.Count).ToArray() },
            Pg.Time(at)));
        batch.BatchCommands.Add(Command(
            // A link that already names its person is left alone, so the link feed (migration 0022's triggers) carries
            // only the records a resolution actually moved or added.
            """
            INSERT INTO person_records (dataset_id, record_key, person_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
            ON CONFLICT (dataset_id, record_key) DO UPDATE SET person_id = excluded.person_id
                WHERE person_records.person_id <> excluded.person_id
            """,
            Pg.TextArray([.. linkDatasets]),
            Pg.TextArray([.. linkKeys]),
            Pg.TextArray([.. linkPersons])));
        batch.BatchCommands.Add(Command("DELETE FROM persons p WHERE NOT EXISTS (SELECT 1 FROM person_records r WHERE r.person_id = p.person_id)"));
        batch.BatchCommands.Add(Command(
            "UPDATE person_link_changes_pruned SET upto = greatest(upto, (SELECT coalesce(max(seq), 0) FROM person_link_changes) - $1) WHERE id = 1",
            Pg.Long(LinkChangesKept)));
        batch.BatchCommands.Add(Command("DELETE FROM person_link_changes WHERE seq <= (SELECT upto FROM person_link_changes_pruned WHERE id = 1)"));
        batch.BatchCommands.Add(Command(
            """
            INSERT INTO link_reviews (left_dataset, left_key, right_dataset, right_key, match_weight, match_probability, explanation, status, created_at)
            SELECT ld, lk, rd, rk, w, p, e, 'pending', $8
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[]) WITH ORDINALITY AS x(ld, lk, rd, rk, w, p, e, n)
            ORDER BY n
            ON CONFLICT (left_dataset, left_key, right_dataset, right_key) DO UPDATE
                SET match_weight = excluded.match_weight, match_probability = excluded.match_probability, explanation = excluded.explanation
                WHERE link_reviews.status = 'pending'
            """,
            Pg.TextArray([.. queue.Select(q => q.Left.DatasetId)]),
            Pg.TextArray([.. queue.Select(q => q.Left.RecordKey)]),
            Pg.TextArray([.. queue.Select(q => q.Right.DatasetId)]),
            Pg.TextArray([.. queue.Select(q => q.Right.RecordKey)]),
            DoubleArray([.. queue.Select(q => q.MatchWeight)]),
            DoubleArray([.. queue.Select(q => q.MatchProbability)]),
            new NpgsqlParameter
            {
                NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
                Value = queue.Select(q => q.Explanation is null ? null : JsonSerializer.Serialize(q.Explanation, ConcordatJson.Options)).ToArray(),
            },
            Pg.Time(at)));
        if (resolution.Settings is { } settings)
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO linkage_settings (id, settings_json, updated_at) VALUES (1, $1, $2)
                ON CONFLICT (id) DO UPDATE SET settings_json = excluded.settings_json, updated_at = excluded.updated_at
                """,
                Pg.Text(LinkageSettingsJson.Write(settings)),
                Pg.Time(at)));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Person?> GetPersonAsync(string personId, CancellationToken cancellationToken) =>
        (await ReadPersonsAsync("WHERE person_id = $1", personId, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Person>> ListPersonsAsync(string? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IPersonStore.MaxPageSize);
        return await ReadPersonsAsync("WHERE person_id > $1", afterId ?? "", limit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewItem>> ListReviewsAsync(ReviewStatus status, long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IPersonStore.MaxPageSize);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {ReviewColumns} FROM link_reviews WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3", connection);
        command.Parameters.Add(Pg.Text(StatusText(status)));
        command.Parameters.Add(Pg.Long(afterId));
        command.Parameters.Add(Pg.Int(limit));
        return await ReadReviewsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewItem>> ListReviewsByUncertaintyAsync(ReviewStatus status, ReviewPosition? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var from = after is null ? "" : "AND (abs(match_weight) > $3 OR (abs(match_weight) = $3 AND id > $4))";
        await using var command = new NpgsqlCommand($"SELECT {ReviewColumns} FROM link_reviews WHERE status = $1 {from} ORDER BY abs(match_weight), id LIMIT $2", connection);
        command.Parameters.Add(Pg.Text(StatusText(status)));
        command.Parameters.Add(Pg.Int(limit));
        if (after is { } position)
        {
            command.Parameters.Add(Pg.Double(position.Uncertainty));
            command.Parameters.Add(Pg.Long(position.Id));
        }

        return await ReadReviewsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ReviewItem?> GetReviewAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {ReviewColumns} FROM link_reviews WHERE id = $1", connection);
        command.Parameters.Add(Pg.Long(id));
        var items = await ReadReviewsAsync(command, cancellationToken).ConfigureAwait(false);
        return items.Count == 0 ? null : items[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewItem>> ReviewsOfRecordsAsync(IReadOnlyCollection<RecordRef> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var distinct = records.Distinct().ToList();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {ReviewColumns} FROM link_reviews r
            WHERE EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) AS x(d, k)
                          WHERE (r.left_dataset = x.d AND r.left_key = x.k) OR (r.right_dataset = x.d AND r.right_key = x.k))
            ORDER BY id
            """,
            connection);
        command.Parameters.Add(Pg.TextArray([.. distinct.Select(r => r.DatasetId)]));
        command.Parameters.Add(Pg.TextArray([.. distinct.Select(r => r.RecordKey)]));
        return await ReadReviewsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewItem>> GetDecisionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {ReviewColumns} FROM link_reviews WHERE status <> 'pending' ORDER BY id", connection);
        return await ReadReviewsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Result<ReviewItem>> DecideAsync(long id, bool accept, string steward, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(steward);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int changed;
        await using (var update = new NpgsqlCommand("UPDATE link_reviews SET status = $1, decided_by = $2, decided_at = $3, decision_reason = $5 WHERE id = $4 AND status = 'pending'", connection, transaction))
        {
            update.Parameters.Add(Pg.Text(accept ? "accepted" : "rejected"));
            update.Parameters.Add(Pg.Text(steward));
            update.Parameters.Add(Pg.Time(at));
            update.Parameters.Add(Pg.Long(id));
            update.Parameters.Add(Pg.Text(reason));
            changed = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        List<ReviewItem> items;
        await using (var read = new NpgsqlCommand($"SELECT {ReviewColumns} FROM link_reviews WHERE id = $1", connection, transaction))
        {
            read.Parameters.Add(Pg.Long(id));
            items = await ReadReviewsAsync(read, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return Error.NotFound("review.not_found", $"No review item {id}.");
        }

        var item = items[0];
        return changed == 0
            ? Error.Conflict("review.already_decided", $"Review item {id} was already {StatusText(item.Status)} by {item.DecidedBy}.")
            : item;
    }

    private async Task<List<Person>> ReadPersonsAsync(string where, string parameter, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT p.person_id, p.golden, r.dataset_id, r.record_key
            FROM (SELECT person_id, golden FROM persons {where} ORDER BY person_id LIMIT $2) p
            JOIN person_records r ON r.person_id = p.person_id
            ORDER BY p.person_id, r.dataset_id, r.record_key
            """,
            connection);
        command.Parameters.Add(Pg.Text(parameter));
        command.Parameters.Add(Pg.Int(limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var persons = new List<Person>();
        string? current = null;
        string? golden = null;
        var records = new List<RecordRef>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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

    private static List<T> LastByFirst<T, TKey>(IEnumerable<T> items, Func<T, TKey> key)
        where TKey : notnull
    {
        var list = new List<T>();
        var at = new Dictionary<TKey, int>();
        foreach (var item in items)
        {
            if (at.TryGetValue(key(item), out var index))
            {
                list[index] = item;
            }
            else
            {
                at[key(item)] = list.Count;
                list.Add(item);
            }
        }

        return list;
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter DoubleArray(double[] values) =>
        new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Double, Value = values };

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

    private static async Task<List<ReviewItem>> ReadReviewsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<ReviewItem>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
                DecidedAt = Pg.ReadTimeOrNull(reader, 10),
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

    private sealed record StoredGolden(IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string> Sources);
}
