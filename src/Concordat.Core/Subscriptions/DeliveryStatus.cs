namespace Concordat.Core.Subscriptions;

/// <summary>Where a webhook delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed, or the subscription's agreement no longer permits it.</summary>
    Failed,
}
