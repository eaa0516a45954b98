namespace Concordat.Core.Subscriptions;

/// <summary>Persistence of subscriptions, their sealed secrets and the webhook outbox. Thread safe.</summary>
public interface ISubscriptionStore
{
    /// <summary>Saves a new subscription with its signing secret sealed under the master key.</summary>
    Task AddAsync(Subscription subscription, byte[] sealedSecret, CancellationToken cancellationToken);

    /// <summary>Finds a subscription, or null.</summary>
    Task<Subscription?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>An organisation's subscriptions, oldest first.</summary>
    Task<IReadOnlyList<Subscription>> ListAsync(string organisationId, CancellationToken cancellationToken);

    /// <summary>
    /// The subscriptions watching a dataset that existed before run <paramref name="runId"/> (a subscription hears of
    /// runs that finished after it was created, judged by run order rather than clocks).
    /// </summary>
    Task<IReadOnlyList<Subscription>> ListForRunAsync(string datasetId, long runId, CancellationToken cancellationToken);

    /// <summary>Deletes a subscription and its outbox rows; false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>The sealed signing secret of a subscription, or null when it was deleted.</summary>
    Task<byte[]?> GetSealedSecretAsync(string id, CancellationToken cancellationToken);

    /// <summary>The record versions an ingest run wrote to a dataset, each with the version before it, in key order.</summary>
    Task<IReadOnlyList<ChangedRecord>> ChangesOfRunAsync(string datasetId, long runId, CancellationToken cancellationToken);

    /// <summary>
    /// Finished ingest runs (any dataset, any outcome) after the notification cursor, in run order, at most
    /// <paramref name="limit"/>. The cursor starts at the newest run when subscriptions are first installed.
    /// </summary>
    Task<IReadOnlyList<long>> RunsToNotifyAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Writes a run's outbox rows and moves the notification cursor past the run, in one transaction.</summary>
    Task CompleteRunAsync(long runId, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// Pending deliveries due at <paramref name="now"/>, oldest due first, at most <paramref name="limit"/> in all and
    /// <paramref name="perSubscription"/> per subscription, each subscription's in queue order. A delivery is left out
    /// while an earlier pending delivery of its subscription is not yet due (waiting to retry), so notifications reach
    /// each receiver in the order they were queued.
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> DueDeliveriesAsync(DateTimeOffset now, int limit, int perSubscription, CancellationToken cancellationToken);

    /// <summary>Records the outcome of an attempt; the body is dropped once the delivery is no longer pending.</summary>
    Task SaveAttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>A subscription's deliveries, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string subscriptionId, int limit, CancellationToken cancellationToken);
}
