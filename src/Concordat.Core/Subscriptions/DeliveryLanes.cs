namespace Concordat.Core.Subscriptions;

/// <summary>
/// Runs one batch of due deliveries: one lane per subscription, lanes side by side up to a bound, each lane in queue
/// order, and a lane stops at its first delivery that stays pending (a receiver that failed or timed out), so nothing
/// overtakes it and a dead receiver costs only its own lane one timeout per pass. Independent of where the batch comes
/// from: a store that claims rows for many nodes (<c>FOR UPDATE SKIP LOCKED</c>) hands its claim to the same lanes.
/// Thread safe.
/// </summary>
public static class DeliveryLanes
{
    /// <summary>Attempts the deliveries of <paramref name="batch"/>; returns how many attempts were made.</summary>
    /// <param name="batch">Due deliveries, each subscription's in queue order.</param>
    /// <param name="maxConcurrency">Most lanes (so most receivers) in flight at once.</param>
    /// <param name="attempt">Makes and records one attempt; returns the delivery's status afterwards.</param>
    /// <param name="cancellationToken">Stops the batch; lanes not yet started are left for the next pass.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<WebhookDelivery> batch,
        int maxConcurrency,
        Func<WebhookDelivery, CancellationToken, Task<DeliveryStatus>> attempt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        var lanes = batch.GroupBy(d => d.SubscriptionId, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var attempts = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(lanes, options, async (lane, token) =>
        {
            foreach (var delivery in lane)
            {
                Interlocked.Increment(ref attempts);
                if (await attempt(delivery, token) == DeliveryStatus.Pending)
                {
                    break;
                }
            }
        });
        return attempts;
    }
}
