using System.Text;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api.Subscriptions;

/// <summary>Verifies a received webhook with the Standard Webhooks TypeScript library (npm <c>standardwebhooks</c>).</summary>
public static class StandardWebhooksNode
{
    /// <summary>"verified", or "refused: reason".</summary>
    public static Task<string> VerifyAsync(string secret, ReceivedWebhook webhook)
    {
        var input = new JsonObject
        {
            ["secret"] = secret,
            ["body"] = Encoding.UTF8.GetString(webhook.Body),
            ["headers"] = new JsonObject { ["webhook-id"] = webhook.Id, ["webhook-timestamp"] = webhook.Timestamp, ["webhook-signature"] = webhook.Signature },
        };
        return NodeScript.RunAsync("tests/Concordat.Server.Tests/Api/Subscriptions/standardwebhooks-js", "verify.js", input.ToJsonString());
    }
}
