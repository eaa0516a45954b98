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

    /// <summary>
    /// Claims due deliveries for one dispatcher: the rows <see cref="DueDeliveriesAsync"/> would return, leaving out every
    /// subscription that has a pending delivery claimed by another claimant whose claim has not lapsed at
    /// <see cref="DeliveryClaim.Now"/>, and marks the rows returned as claimed until <see cref="DeliveryClaim.Until"/>.
    /// So one subscription's lane is in one dispatcher's hands at a time, and two dispatchers over one database never
    /// claim the same delivery. A store that serves one process only may return the due rows without marking them.
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> ClaimDueDeliveriesAsync(DeliveryClaim claim, int limit, int perSubscription, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the claimant's claim on every pending delivery of <paramref name="delivery"/>'s subscription it holds, just
    /// before an attempt; false when <paramref name="delivery"/> is no longer pending and claimed by this claimant (its
    /// claim lapsed and another dispatcher took the lane), in which case it must not be sent.
    /// </summary>
    Task<bool> RenewClaimAsync(WebhookDelivery delivery, DeliveryClaim claim, CancellationToken cancellationToken);

    /// <summary>Releases every claim the claimant still holds (deliveries it claimed but did not attempt).</summary>
    Task ReleaseClaimsAsync(string claimant, CancellationToken cancellationToken);

    /// <summary>
    /// Serialises queueing of run notifications across every process over the database (a run must be queued once,
    /// not once per node); dispose to let the next one in. Released if the process dies.
    /// </summary>
    Task<IAsyncDisposable> LockNotificationsAsync(CancellationToken cancellationToken);

    /// <summary>Records the outcome of an attempt and releases its claim; the body is dropped once the delivery is no longer pending.</summary>
    Task SaveAttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>A subscription's deliveries, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string subscriptionId, int limit, CancellationToken cancellationToken);
}
