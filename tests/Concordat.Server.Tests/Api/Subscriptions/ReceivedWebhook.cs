namespace Concordat.Server.Tests.Api.Subscriptions;

/// <summary>One request a <see cref="WebhookReceiver"/> got, with its Standard Webhooks headers.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string? ContentType, byte[] Body)
{
    /// <summary>The headers as a Standard Webhooks library reads them.</summary>
    public Microsoft.AspNetCore.Http.IHeaderDictionary Headers => new Microsoft.AspNetCore.Http.HeaderDictionary
    {
        ["webhook-id"] = Id,
        ["webhook-timestamp"] = Timestamp,
        ["webhook-signature"] = Signature,
    };
}
