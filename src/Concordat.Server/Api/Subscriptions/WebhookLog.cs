namespace Concordat.Server.Api.Subscriptions;

/// <summary>Log messages of webhook delivery: ids, status codes and error codes only, never bodies, URLs or secrets.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} of subscription {SubscriptionId} attempt {Attempt} failed ({Error}, status {StatusCode}); now {Status}")]
    public static partial void AttemptFailed(ILogger logger, string deliveryId, string subscriptionId, int attempt, string? error, int? statusCode, string status);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Webhook delivery pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error, Message = "Change notifications of ingest run {RunId} could not be queued")]
    public static partial void NotifyFailed(ILogger logger, long runId, Exception exception);
}
