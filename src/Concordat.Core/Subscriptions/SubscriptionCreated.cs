namespace Concordat.Core.Subscriptions;

/// <summary>A new subscription and its signing secret, which is shown this once and kept only sealed.</summary>
/// <param name="Subscription">The subscription.</param>
/// <param name="Secret">The HMAC signing secret (<c>whsec_</c> and base64url); its UTF-8 bytes are the HMAC key.</param>
/// <param name="AuditIndex">The audit log index of the creation.</param>
public sealed record SubscriptionCreated(Subscription Subscription, string Secret, long AuditIndex);
