using System.Text.Json;
using Concordat.Core.Subscriptions;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>Subscriptions and the webhook outbox in PostgreSQL.</summary>
public sealed class PostgresSubscriptionStore : ISubscriptionStore
{
    private const string Columns = "id, client_id, organisation_id, agreement_id, purpose, dataset_id, events, callback_url, fields, created_at";
    private const string DeliveryColumns = "id, subscription_id, event_type, occurred_at, status, attempts, next_attempt_at, body, last_status_code, last_error, delivered_at, audit_index";
    private readonly PostgresDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresSubscriptionStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task AddAsync(Subscription subscription, byte[] sealedSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(sealedSecret);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"INSERT INTO subscriptions ({Columns}, sealed_secret, after_run_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, (SELECT COALESCE(max(id), 0) FROM ingest_runs))",
            connection);
        command.Parameters.Add(Pg.Text(subscription.Id));
        command.Parameters.Add(Pg.Text(subscription.ClientId));
        command.Parameters.Add(Pg.Text(subscription.OrganisationId));
        command.Parameters.Add(Pg.Text(subscription.AgreementId));
        command.Parameters.Add(Pg.Text(subscription.Purpose));
        command.Parameters.Add(Pg.Text(subscription.DatasetId));
        command.Parameters.Add(Pg.Text(JsonSerializer.Serialize(subscription.Events)));
        command.Parameters.Add(Pg.Text(subscription.CallbackUrl.AbsoluteUri));
        command.Parameters.Add(Pg.Text(JsonSerializer.Serialize(subscription.Fields)));
        command.Parameters.Add(Pg.Time(subscription.CreatedAt));
        command.Parameters.Add(Pg.Bytes(sealedSecret));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Subscription?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM subscriptions WHERE id = $1", id, null, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Subscription>> ListAsync(string organisationId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM subscriptions WHERE organisation_id = $1 ORDER BY created_at, id", organisationId, null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Subscription>> ListForRunAsync(string datasetId, long runId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM subscriptions WHERE dataset_id = $1 AND after_run_id < $2 ORDER BY created_at, id", datasetId, runId, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM subscriptions WHERE id = $1", connection);
        command.Parameters.Add(Pg.Text(id));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetSealedSecretAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT sealed_secret FROM subscriptions WHERE id = $1", connection);
        command.Parameters.Add(Pg.Text(id));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangedRecord>> ChangesOfRunAsync(string datasetId, long runId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT v.record_key, v.is_deleted, v.payload, p.payload
            FROM datasets d
            JOIN record_versions v ON v.dataset_no = d.no AND v.run_id = $2
            LEFT JOIN record_versions p ON p.dataset_no = v.dataset_no AND p.record_key = v.record_key AND p.version = v.version - 1
            WHERE d.id = $1
            ORDER BY v.record_key
            """,
            connection);
        command.Parameters.Add(Pg.Text(datasetId));
        command.Parameters.Add(Pg.Long(runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ChangedRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ChangedRecord(reader.GetString(0), reader.GetBoolean(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> RunsToNotifyAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT id FROM ingest_runs
            WHERE id > (SELECT last_run_id FROM webhook_run_cursor WHERE id = 1) AND status <> 'running'
            ORDER BY id LIMIT $1
            """,
            connection);
        command.Parameters.Add(Pg.Int(limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <inheritdoc />
    public async Task CompleteRunAsync(long runId, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var delivery in deliveries)
        {
            var insert = new NpgsqlBatchCommand($"INSERT INTO webhook_deliveries ({DeliveryColumns}) VALUES ($1, $9, $10, $11, $2, $3, $4, $5, $6, $7, $8, $12)");
            Bind(insert.Parameters, delivery);
            insert.Parameters.Add(Pg.Text(delivery.SubscriptionId));
            insert.Parameters.Add(Pg.Text(delivery.EventType));
            insert.Parameters.Add(Pg.Time(delivery.OccurredAt));
            insert.Parameters.Add(Pg.Long(delivery.AuditIndex));
            batch.BatchCommands.Add(insert);
        }

        var cursor = new NpgsqlBatchCommand("UPDATE webhook_run_cursor SET last_run_id = greatest(last_run_id, $1) WHERE id = 1");
        cursor.Parameters.Add(Pg.Long(runId));
        batch.BatchCommands.Add(cursor);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDelivery>> DueDeliveriesAsync(DateTimeOffset now, int limit, int perSubscription, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // A delivery waits while an earlier one of its subscription waits to retry (in order per receiver); each
        // subscription contributes at most perSubscription rows, lanes ordered by when their first row fell due.
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {DeliveryColumns} FROM (
                SELECT d.*,
                       row_number() OVER (PARTITION BY d.subscription_id ORDER BY d.no) AS lane_position,
                       min(d.next_attempt_at) OVER (PARTITION BY d.subscription_id) AS lane_due
                FROM webhook_deliveries d
                WHERE d.status = 'pending' AND d.next_attempt_at <= $1
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                  WHERE e.subscription_id = d.subscription_id AND e.status = 'pending' AND e.no < d.no AND e.next_attempt_at > $1)) lanes
            WHERE lane_position <= $3
            ORDER BY lane_due, subscription_id COLLATE "C", no
            LIMIT $2
            """,
            connection);
        command.Parameters.Add(Pg.Time(now));
        command.Parameters.Add(Pg.Int(limit));
        command.Parameters.Add(Pg.Int(perSubscription));
        return await ReadDeliveriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// In one transaction: the candidate subscriptions (lanes) are locked with <c>FOR NO KEY UPDATE SKIP LOCKED</c>, so
    /// two nodes claiming at once take different lanes and never wait for each other (the lock does not block the outbox
    /// inserts, which only take a key-share lock); then, in a statement whose snapshot follows the locks and so sees
    /// every claim committed before them, the due rows of the locked lanes that no other live claim holds are marked
    /// claimed. Renewals take the same lane lock, so a claim is never taken over while it is being renewed.
    /// </remarks>
    public async Task<IReadOnlyList<WebhookDelivery>> ClaimDueDeliveriesAsync(DeliveryClaim claim, int limit, int perSubscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var lanes = new List<string>();
        await using (var lockLanes = new NpgsqlCommand(
            """
            SELECT id FROM subscriptions
            WHERE id = ANY (SELECT subscription_id FROM webhook_deliveries
                            WHERE status = 'pending' AND next_attempt_at <= $1
                            GROUP BY subscription_id ORDER BY min(next_attempt_at) LIMIT $2)
            FOR NO KEY UPDATE SKIP LOCKED
            """,
            connection,
            transaction))
        {
            lockLanes.Parameters.Add(Pg.Time(claim.Now));
            lockLanes.Parameters.Add(Pg.Int(limit));
            await using var reader = await lockLanes.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lanes.Add(reader.GetString(0));
            }
        }

        if (lanes.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return [];
        }

        // As DueDeliveriesAsync, within the locked lanes, leaving out a lane in which another claimant's claim is live.
        await using var mark = new NpgsqlCommand(
            $"""
            WITH lanes AS (
                SELECT d.no, d.subscription_id,
                       row_number() OVER (PARTITION BY d.subscription_id ORDER BY d.no) AS lane_position,
                       min(d.next_attempt_at) OVER (PARTITION BY d.subscription_id) AS lane_due
                FROM webhook_deliveries d
                WHERE d.subscription_id = ANY ($4) AND d.status = 'pending' AND d.next_attempt_at <= $1
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                  WHERE e.subscription_id = d.subscription_id AND e.status = 'pending' AND e.no < d.no AND e.next_attempt_at > $1)
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries c
                                  WHERE c.subscription_id = d.subscription_id AND c.status = 'pending'
                                    AND c.claimed_by IS NOT NULL AND c.claimed_by <> $5 AND c.claimed_until > $1)),
            chosen AS (
                SELECT no, lane_due FROM lanes WHERE lane_position <= $3
                ORDER BY lane_due, subscription_id COLLATE "C", no
                LIMIT $2)
            UPDATE webhook_deliveries w SET claimed_by = $5, claimed_until = $6
            FROM chosen WHERE w.no = chosen.no
            RETURNING {string.Join(", ", DeliveryColumns.Split(", ").Select(c => "w." + c))}, chosen.lane_due, w.no
            """,
            connection,
            transaction);
        mark.Parameters.Add(Pg.Time(claim.Now));
        mark.Parameters.Add(Pg.Int(limit));
        mark.Parameters.Add(Pg.Int(perSubscription));
        mark.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. lanes] });
        mark.Parameters.Add(Pg.Text(claim.Claimant));
        mark.Parameters.Add(Pg.Time(claim.Until));
        var claimed = new List<(DateTimeOffset LaneDue, long No, WebhookDelivery Delivery)>();
        await using (var reader = await mark.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add((Pg.ReadTime(reader, 12), reader.GetInt64(13), ReadDelivery(reader)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claimed
            .OrderBy(c => c.LaneDue)
            .ThenBy(c => c.Delivery.SubscriptionId, StringComparer.Ordinal)
            .ThenBy(c => c.No)
            .Select(c => c.Delivery)
            .ToList();
    }

    /// <inheritdoc />
    public async Task<bool> RenewClaimAsync(WebhookDelivery delivery, DeliveryClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockLane = new NpgsqlCommand("SELECT 1 FROM subscriptions WHERE id = $1 FOR NO KEY UPDATE", connection, transaction))
        {
            lockLane.Parameters.Add(Pg.Text(delivery.SubscriptionId));
            await lockLane.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var renew = new NpgsqlCommand(
            """
            UPDATE webhook_deliveries SET claimed_until = $3
            WHERE subscription_id = $1 AND claimed_by = $2 AND status = 'pending'
            RETURNING id
            """,
            connection,
            transaction);
        renew.Parameters.Add(Pg.Text(delivery.SubscriptionId));
        renew.Parameters.Add(Pg.Text(claim.Claimant));
        renew.Parameters.Add(Pg.Time(claim.Until));
        var held = false;
        await using (var reader = await renew.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                held |= string.Equals(reader.GetString(0), delivery.Id, StringComparison.Ordinal);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return held;
    }

    /// <inheritdoc />
    public async Task ReleaseClaimsAsync(string claimant, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "UPDATE webhook_deliveries SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = $1 AND status = 'pending'", connection);
        command.Parameters.Add(Pg.Text(claimant));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> LockNotificationsAsync(CancellationToken cancellationToken) =>
        await PostgresNotificationLock.AcquireAsync(_database, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task SaveAttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            UPDATE webhook_deliveries SET status = $2, attempts = $3, next_attempt_at = $4, body = $5,
                last_status_code = $6, last_error = $7, delivered_at = $8, claimed_by = NULL, claimed_until = NULL
            WHERE id = $1
            """,
            connection);
        Bind(command.Parameters, delivery);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string subscriptionId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY no DESC LIMIT $2", connection);
        command.Parameters.Add(Pg.Text(subscriptionId));
        command.Parameters.Add(Pg.Int(limit));
        return await ReadDeliveriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    // $1 id, $2 status, $3 attempts, $4 next attempt, $5 body, $6 status code, $7 error, $8 delivered at.
    // The personal data in a body is kept only while it may still be sent.
    private static void Bind(NpgsqlParameterCollection parameters, WebhookDelivery delivery)
    {
        parameters.Add(Pg.Text(delivery.Id));
        parameters.Add(Pg.Text(StatusText(delivery.Status)));
        parameters.Add(Pg.Int(delivery.Attempts));
        parameters.Add(Pg.Time(delivery.NextAttemptAt));
        parameters.Add(Pg.Text(delivery.Status == DeliveryStatus.Pending ? delivery.Body : ""));
        parameters.Add(Pg.Int(delivery.LastStatusCode));
        parameters.Add(Pg.Text(delivery.LastError));
        parameters.Add(Pg.Time(delivery.DeliveredAt));
    }

    private static string StatusText(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Delivered => "delivered",
        DeliveryStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static DeliveryStatus ParseStatus(string text) => text switch
    {
        "pending" => DeliveryStatus.Pending,
        "delivered" => DeliveryStatus.Delivered,
        "failed" => DeliveryStatus.Failed,
        _ => throw new InvalidDataException($"Unknown delivery status '{text}'."),
    };

    private static async Task<List<WebhookDelivery>> ReadDeliveriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<WebhookDelivery>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadDelivery(reader));
        }

        return list;
    }

    private static WebhookDelivery ReadDelivery(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        Pg.ReadTime(reader, 3),
        ParseStatus(reader.GetString(4)),
        reader.GetInt32(5),
        Pg.ReadTime(reader, 6))
    {
        Body = reader.GetString(7),
        LastStatusCode = reader.IsDBNull(8) ? null : reader.GetInt32(8),
        LastError = reader.IsDBNull(9) ? null : reader.GetString(9),
        DeliveredAt = Pg.ReadTimeOrNull(reader, 10),
        AuditIndex = reader.GetInt64(11),
    };

    private async Task<List<Subscription>> QueryAsync(string sql, string parameter, long? runId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(Pg.Text(parameter));
        if (runId is { } run)
        {
            command.Parameters.Add(Pg.Long(run));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Subscription>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new Subscription(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? [],
                new Uri(reader.GetString(7), UriKind.Absolute),
                JsonSerializer.Deserialize<string[]>(reader.GetString(8)) ?? [],
                Pg.ReadTime(reader, 9)));
        }

        return list;
    }
}
