using Concordat.Core.Audit;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>Aggregated security events in PostgreSQL, one row per window, kind and caller; every node adds to the same rows.</summary>
public sealed class PostgresSecurityEventStore : ISecurityEventStore
{
    private readonly PostgresDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresSecurityEventStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task AddAsync(IReadOnlyList<SecurityEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var e in events)
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO security_events (window_start, kind, partition, organisation_id, count) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (window_start, kind, partition) DO UPDATE SET count = security_events.count + excluded.count
                """,
                connection,
                transaction);
            command.Parameters.Add(Pg.Time(e.WindowStart));
            command.Parameters.Add(Pg.Text(SecurityEventKindNames.Of(e.Kind)));
            command.Parameters.Add(Pg.Text(e.Partition));
            command.Parameters.Add(Pg.Text(e.OrganisationId));
            command.Parameters.Add(Pg.Long(e.Count));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(long Id, SecurityEvent Event)>> ListAsync(
        DateTimeOffset from, DateTimeOffset to, string? organisationId, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT id, window_start, kind, partition, organisation_id, count FROM security_events
            WHERE window_start >= $1 AND window_start < $2 AND id > $3 AND ($4::text IS NULL OR organisation_id = $4)
            ORDER BY id LIMIT $5
            """,
            connection);
        command.Parameters.Add(Pg.Time(from));
        command.Parameters.Add(Pg.Time(to));
        command.Parameters.Add(Pg.Long(after));
        command.Parameters.Add(Pg.Text(organisationId));
        command.Parameters.Add(Pg.Int(limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<(long, SecurityEvent)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add((reader.GetInt64(0), new SecurityEvent(
                Pg.ReadTime(reader, 1),
                SecurityEventKindNames.Parse(reader.GetString(2)),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt64(5))));
        }

        return list;
    }
}
