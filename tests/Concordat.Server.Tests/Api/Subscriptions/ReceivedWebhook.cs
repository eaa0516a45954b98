namespace Concordat.Server.Tests.Api.Subscriptions;

/// <summary>One request a <see cref="WebhookReceiver"/> got.</summary>
public sealed record ReceivedWebhook(string Signature, string IdempotencyKey, string? ContentType, byte[] Body);
