using Concordat.Core.Audit;

namespace Concordat.Storage.Sqlite;

/// <summary>Aggregated security events in the embedded SQLite database, one row per window, kind and caller.</summary>
public sealed class SqliteSecurityEventStore : ISecurityEventStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public SqliteSecurityEventStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task AddAsync(IReadOnlyList<SecurityEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }

        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO security_events (window_start, kind, partition, organisation_id, count) VALUES ($window, $kind, $partition, $org, $count)
            ON CONFLICT (window_start, kind, partition) DO UPDATE SET count = count + excluded.count
            """;
        var window = command.Parameters.Add("$window", Microsoft.Data.Sqlite.SqliteType.Text);
        var kind = command.Parameters.Add("$kind", Microsoft.Data.Sqlite.SqliteType.Text);
        var partition = command.Parameters.Add("$partition", Microsoft.Data.Sqlite.SqliteType.Text);
        var organisation = command.Parameters.Add("$org", Microsoft.Data.Sqlite.SqliteType.Text);
        var count = command.Parameters.Add("$count", Microsoft.Data.Sqlite.SqliteType.Integer);
        foreach (var e in events)
        {
            window.Value = SqliteText.FromTime(e.WindowStart);
            kind.Value = SecurityEventKindNames.Of(e.Kind);
            partition.Value = e.Partition;
            organisation.Value = (object?)e.OrganisationId ?? DBNull.Value;
            count.Value = e.Count;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(long Id, SecurityEvent Event)>> ListAsync(
        DateTimeOffset from, DateTimeOffset to, string? organisationId, long after, int limit, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, window_start, kind, partition, organisation_id, count FROM security_events
            WHERE window_start >= $from AND window_start < $to AND id > $after AND ($org IS NULL OR organisation_id = $org)
            ORDER BY id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$from", SqliteText.FromTime(from));
        command.Parameters.AddWithValue("$to", SqliteText.FromTime(to));
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$org", (object?)organisationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<(long, SecurityEvent)>();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), new SecurityEvent(
                SqliteText.ToTime(reader.GetString(1)),
                SecurityEventKindNames.Parse(reader.GetString(2)),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt64(5))));
        }

        return Task.FromResult<IReadOnlyList<(long, SecurityEvent)>>(list);
    }
}
