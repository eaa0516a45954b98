namespace Concordat.Server.Api.Subscriptions;

/// <summary>A new subscription with its signing secret, shown this once: store it where the receiver can read it.</summary>
/// <param name="Subscription">The subscription.</param>
/// <param name="Secret">The HMAC-SHA256 signing secret; its UTF-8 bytes are the key.</param>
/// <param name="AuditIndex">The audit log index of the creation.</param>
public sealed record SubscriptionCreatedResponse(SubscriptionResponse Subscription, string Secret, long AuditIndex);
