namespace Concordat.Core.Subscriptions;

/// <summary>
/// One notification in the outbox: written durably when an ingest run commits, delivered at least once by the
/// dispatcher, and kept (without its body once finished) so the consumer can see what happened.
/// </summary>
/// <param name="Id">The delivery id (<c>evt_</c> and 32 hex digits), sent as <c>webhook-id</c> on every attempt.</param>
/// <param name="SubscriptionId">The subscription notified.</param>
/// <param name="EventType"><see cref="ChangeEvents.Changed"/> or <see cref="ChangeEvents.Deleted"/>.</param>
/// <param name="OccurredAt">When the change committed (UTC).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttemptAt">When the next attempt is due (UTC); meaningful while pending.</param>
public sealed record WebhookDelivery(
    string Id,
    string SubscriptionId,
    string EventType,
    DateTimeOffset OccurredAt,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt)
{
    /// <summary>The JSON body posted; empty once the delivery has finished (delivered or failed).</summary>
    public string Body { get; init; } = "";

    /// <summary>The HTTP status of the last attempt, or null when it got no answer.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>Why the last attempt failed (a short code, never the receiver's body); null on success.</summary>
    public string? LastError { get; init; }

    /// <summary>When the receiver acknowledged it (UTC).</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>The audit log index of the "notify" entry written before the notification was queued.</summary>
    public long AuditIndex { get; init; }
}
