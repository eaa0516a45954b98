using System.Text.Json;
using Concordat.Core.Subscriptions;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Subscriptions and the webhook outbox in the embedded SQLite database.</summary>
public sealed class SqliteSubscriptionStore : ISubscriptionStore
{
    private const string Columns = "id, client_id, organisation_id, agreement_id, purpose, dataset_id, events, callback_url, fields, created_at";
    private const string DeliveryColumns = "id, subscription_id, event_type, occurred_at, status, attempts, next_attempt_at, body, last_status_code, last_error, delivered_at, audit_index";
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public SqliteSubscriptionStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task AddAsync(Subscription subscription, byte[] sealedSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(sealedSecret);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO subscriptions ({Columns}, sealed_secret, after_run_id) VALUES ($id, $client, $org, $agreement, $purpose, $dataset, $events, $url, $fields, $created, $secret, (SELECT COALESCE(MAX(id), 0) FROM ingest_runs))";
        command.Parameters.AddWithValue("$id", subscription.Id);
        command.Parameters.AddWithValue("$client", subscription.ClientId);
        command.Parameters.AddWithValue("$org", subscription.OrganisationId);
        command.Parameters.AddWithValue("$agreement", subscription.AgreementId);
        command.Parameters.AddWithValue("$purpose", subscription.Purpose);
        command.Parameters.AddWithValue("$dataset", subscription.DatasetId);
        command.Parameters.AddWithValue("$events", JsonSerializer.Serialize(subscription.Events));
        command.Parameters.AddWithValue("$url", subscription.CallbackUrl.AbsoluteUri);
        command.Parameters.AddWithValue("$fields", JsonSerializer.Serialize(subscription.Fields));
        command.Parameters.AddWithValue("$created", SqliteText.FromTime(subscription.CreatedAt));
        command.Parameters.AddWithValue("$secret", sealedSecret);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Subscription?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Query($"SELECT {Columns} FROM subscriptions WHERE id = $p", id).FirstOrDefault());

    /// <inheritdoc />
    public Task<IReadOnlyList<Subscription>> ListAsync(string organisationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Subscription>>(Query($"SELECT {Columns} FROM subscriptions WHERE organisation_id = $p ORDER BY created_at, id", organisationId));

    /// <inheritdoc />
    public Task<IReadOnlyList<Subscription>> ListForRunAsync(string datasetId, long runId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Subscription>>(Query($"SELECT {Columns} FROM subscriptions WHERE dataset_id = $p AND after_run_id < $run ORDER BY created_at, id", datasetId, runId));

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM subscriptions WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    /// <inheritdoc />
    public Task<byte[]?> GetSealedSecretAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sealed_secret FROM subscriptions WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Task.FromResult(command.ExecuteScalar() as byte[]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChangedRecord>> ChangesOfRunAsync(string datasetId, long runId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT v.record_key, v.is_deleted, v.payload, p.payload
            FROM datasets d
            JOIN record_versions v ON v.dataset_no = d.no AND v.run_id = $run
            LEFT JOIN record_versions p ON p.dataset_no = v.dataset_no AND p.record_key = v.record_key AND p.version = v.version - 1
            WHERE d.id = $dataset
            ORDER BY v.record_key
            """;
        command.Parameters.AddWithValue("$dataset", datasetId);
        command.Parameters.AddWithValue("$run", runId);
        using var reader = command.ExecuteReader();
        var list = new List<ChangedRecord>();
        while (reader.Read())
        {
            list.Add(new ChangedRecord(reader.GetString(0), reader.GetInt64(1) != 0, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return Task.FromResult<IReadOnlyList<ChangedRecord>>(list);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> RunsToNotifyAsync(int limit, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id FROM ingest_runs
            WHERE id > (SELECT last_run_id FROM webhook_run_cursor WHERE id = 1) AND status <> 'running'
            ORDER BY id LIMIT {SqliteText.Limit(limit)}
            """;
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return Task.FromResult<IReadOnlyList<long>>(ids);
    }

    /// <inheritdoc />
    public Task CompleteRunAsync(long runId, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO webhook_deliveries ({DeliveryColumns}) VALUES ($id, $sub, $type, $occurred, $status, $attempts, $next, $body, $code, $error, $delivered, $audit)";
        foreach (var delivery in deliveries)
        {
            command.Parameters.Clear();
            Bind(command, delivery);
            command.Parameters.AddWithValue("$sub", delivery.SubscriptionId);
            command.Parameters.AddWithValue("$type", delivery.EventType);
            command.Parameters.AddWithValue("$occurred", SqliteText.FromTime(delivery.OccurredAt));
            command.Parameters.AddWithValue("$audit", delivery.AuditIndex);
            command.ExecuteNonQuery();
        }

        using var cursor = connection.CreateCommand();
        cursor.Transaction = transaction;
        cursor.CommandText = "UPDATE webhook_run_cursor SET last_run_id = max(last_run_id, $run) WHERE id = 1";
        cursor.Parameters.AddWithValue("$run", runId);
        cursor.ExecuteNonQuery();
        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDelivery>> DueDeliveriesAsync(DateTimeOffset now, int limit, int perSubscription, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        // A delivery waits while an earlier one of its subscription waits to retry (in order per receiver); each
        // subscription contributes at most perSubscription rows, lanes ordered by when their first row fell due.
        command.CommandText = $"""
            SELECT {DeliveryColumns} FROM (
                SELECT d.*,
                       ROW_NUMBER() OVER (PARTITION BY d.subscription_id ORDER BY d.no) AS lane_position,
                       MIN(d.next_attempt_at) OVER (PARTITION BY d.subscription_id) AS lane_due
                FROM webhook_deliveries d
                WHERE d.status = 'pending' AND d.next_attempt_at <= $now
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                  WHERE e.subscription_id = d.subscription_id AND e.status = 'pending' AND e.no < d.no AND e.next_attempt_at > $now))
            WHERE lane_position <= {SqliteText.Limit(perSubscription)}
            ORDER BY lane_due, subscription_id, no
            LIMIT {SqliteText.Limit(limit)}
            """;
        command.Parameters.AddWithValue("$now", SqliteText.FromTime(now));
        return Task.FromResult<IReadOnlyList<WebhookDelivery>>(ReadDeliveries(command));
    }

    /// <inheritdoc />
    /// <remarks>SQLite serves one hub process, whose dispatcher makes one pass at a time: the due rows are its claim.</remarks>
    public Task<IReadOnlyList<WebhookDelivery>> ClaimDueDeliveriesAsync(DeliveryClaim claim, int limit, int perSubscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return DueDeliveriesAsync(claim.Now, limit, perSubscription, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RenewClaimAsync(WebhookDelivery delivery, DeliveryClaim claim, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <inheritdoc />
    public Task ReleaseClaimsAsync(string claimant, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>One hub process per SQLite file, and its notifier already queues one catch-up at a time.</remarks>
    public Task<IAsyncDisposable> LockNotificationsAsync(CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    /// <inheritdoc />
    public Task SaveAttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE webhook_deliveries SET status = $status, attempts = $attempts, next_attempt_at = $next, body = $body,
                last_status_code = $code, last_error = $error, delivered_at = $delivered
            WHERE id = $id
            """;
        Bind(command, delivery);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string subscriptionId, int limit, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE subscription_id = $sub ORDER BY no DESC LIMIT {SqliteText.Limit(limit)}";
        command.Parameters.AddWithValue("$sub", subscriptionId);
        return Task.FromResult<IReadOnlyList<WebhookDelivery>>(ReadDeliveries(command));
    }

    // The personal data in a body is kept only while it may still be sent.
    private static void Bind(SqliteCommand command, WebhookDelivery delivery)
    {
        command.Parameters.AddWithValue("$id", delivery.Id);
        command.Parameters.AddWithValue("$status", StatusText(delivery.Status));
        command.Parameters.AddWithValue("$attempts", delivery.Attempts);
        command.Parameters.AddWithValue("$next", SqliteText.FromTime(delivery.NextAttemptAt));
        command.Parameters.AddWithValue("$body", delivery.Status == DeliveryStatus.Pending ? delivery.Body : "");
        command.Parameters.AddWithValue("$code", (object?)delivery.LastStatusCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)delivery.LastError ?? DBNull.Value);
        command.Parameters.AddWithValue("$delivered", delivery.DeliveredAt is { } at ? SqliteText.FromTime(at) : DBNull.Value);
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

    private static List<WebhookDelivery> ReadDeliveries(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<WebhookDelivery>();
        while (reader.Read())
        {
            list.Add(new WebhookDelivery(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                SqliteText.ToTime(reader.GetString(3)),
                ParseStatus(reader.GetString(4)),
                reader.GetInt32(5),
                SqliteText.ToTime(reader.GetString(6)))
            {
                Body = reader.GetString(7),
                LastStatusCode = reader.IsDBNull(8) ? null : reader.GetInt32(8),
                LastError = reader.IsDBNull(9) ? null : reader.GetString(9),
                DeliveredAt = reader.IsDBNull(10) ? null : SqliteText.ToTime(reader.GetString(10)),
                AuditIndex = reader.GetInt64(11),
            });
        }

        return list;
    }

    private List<Subscription> Query(string sql, string parameter, long? runId = null)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$p", parameter);
        if (runId is { } run)
        {
            command.Parameters.AddWithValue("$run", run);
        }

        using var reader = command.ExecuteReader();
        var list = new List<Subscription>();
        while (reader.Read())
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
                SqliteText.ToTime(reader.GetString(9))));
        }

        return list;
    }
}
