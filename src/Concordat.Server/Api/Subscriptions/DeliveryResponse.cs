using Concordat.Core.Subscriptions;

namespace Concordat.Server.Api.Subscriptions;

/// <summary>One notification's delivery state (never its body).</summary>
/// <param name="Id">The delivery id, sent as <c>webhook-id</c>.</param>
/// <param name="Type"><c>changed</c> or <c>deleted</c>.</param>
/// <param name="OccurredAt">When the change committed (UTC).</param>
/// <param name="Status"><c>pending</c>, <c>delivered</c> or <c>failed</c>.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="NextAttemptAt">When the next attempt is due, while pending.</param>
/// <param name="LastStatusCode">The receiver's status on the last attempt, if it answered.</param>
/// <param name="LastError">Why the last attempt failed: <c>webhook.http_status</c>, <c>webhook.network_error</c>, <c>webhook.timeout</c> or a policy reason code.</param>
/// <param name="DeliveredAt">When the receiver acknowledged it.</param>
public sealed record DeliveryResponse(
    string Id, string Type, DateTimeOffset OccurredAt, string Status, int Attempts, DateTimeOffset? NextAttemptAt,
    int? LastStatusCode, string? LastError, DateTimeOffset? DeliveredAt)
{
    internal static DeliveryResponse From(WebhookDelivery d) => new(
        d.Id,
        d.EventType,
        d.OccurredAt,
        d.Status switch { DeliveryStatus.Pending => "pending", DeliveryStatus.Delivered => "delivered", _ => "failed" },
        d.Attempts,
        d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null,
        d.LastStatusCode,
        d.LastError,
        d.DeliveredAt);
}
