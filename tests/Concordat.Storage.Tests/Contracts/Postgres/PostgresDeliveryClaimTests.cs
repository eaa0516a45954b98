using System.Collections.Concurrent;
using Concordat.Core.Ingestion;
using Concordat.Core.Subscriptions;

namespace Concordat.Storage.Tests.Contracts.Postgres;

/// <summary>
/// Several hub nodes' dispatchers over one PostgreSQL outbox (issue 16): each delivery is sent by one node, each
/// receiver gets one delivery at a time in queue order, and a dead node's claim lapses so another node delivers.
/// </summary>
public sealed class PostgresDeliveryClaimTests(PostgresStores postgres) : StoreContract, IClassFixture<PostgresStores>
{
    private static readonly DateTimeOffset Queued = TestStores.At(2026, 1, 5);

    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);

    [Fact]
    public async Task Concurrent_dispatchers_on_four_nodes_deliver_every_event_once_and_in_order_per_subscription()
    {
        const int subscriptions = 6;
        const int perSubscription = 40;
        var queue = await QueueAsync(subscriptions, perSubscription);
        var nodes = new[] { Stores.Subscriptions, Stores.AnotherNode().Subscriptions, Stores.AnotherNode().Subscriptions, Stores.AnotherNode().Subscriptions };
        var sent = new ConcurrentQueue<(string Subscription, string Id, bool Accepted)>();
        var inFlight = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var overlaps = 0;

        // Each node runs the dispatcher's cycle (claim, renew before each attempt, record, release) as fast as it can;
        // every third first attempt is refused by the "receiver" and retried at once, so lanes stop and restart.
        async Task NodeAsync(ISubscriptionStore store, string claimant)
        {
            var idle = 0;
            while (idle < 20)
            {
                var now = DateTimeOffset.UtcNow;
                var due = await store.ClaimDueDeliveriesAsync(new DeliveryClaim(claimant, now, now.AddMinutes(2)), WebhookDispatcher.BatchSize, 5, default);
                if (due.Count == 0)
                {
                    idle++;
                    await Task.Delay(10);
                    continue;
                }

                idle = 0;
                try
                {
                    await DeliveryLanes.RunAsync(due, 4, async (delivery, token) =>
                    {
                        var at = DateTimeOffset.UtcNow;
                        if (!await store.RenewClaimAsync(delivery, new DeliveryClaim(claimant, at, at.AddMinutes(2)), default))
                        {
                            return DeliveryStatus.Pending;
                        }

                        if (inFlight.AddOrUpdate(delivery.SubscriptionId, 1, (_, n) => n + 1) > 1)
                        {
                            Interlocked.Increment(ref overlaps);
                        }

                        await Task.Delay(Random.Shared.Next(0, 3), token);
                        var accepted = delivery.Attempts > 0 || int.Parse(delivery.Id[^3..], System.Globalization.CultureInfo.InvariantCulture) % 3 != 0;
                        sent.Enqueue((delivery.SubscriptionId, delivery.Id, accepted));
                        inFlight.AddOrUpdate(delivery.SubscriptionId, 0, (_, n) => n - 1);
                        var outcome = accepted
                            ? delivery with { Status = DeliveryStatus.Delivered, Attempts = delivery.Attempts + 1, DeliveredAt = at }
                            : delivery with { Attempts = delivery.Attempts + 1, LastError = "webhook.http_status", NextAttemptAt = Queued };
                        await store.SaveAttemptAsync(outcome, default);
                        return outcome.Status;
                    }, default);
                }
                finally
                {
                    await store.ReleaseClaimsAsync(claimant, default);
                }
            }
        }

        await Task.WhenAll(nodes.Select((store, i) => Task.Run(() => NodeAsync(store, $"node-{i}"))));

        Assert.Equal(0, overlaps);
        var accepted = sent.Where(s => s.Accepted).ToList();
        Assert.Equal(subscriptions * perSubscription, accepted.Count);
        Assert.Equal(accepted.Count, accepted.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (var (subscription, ids) in queue)
        {
            Assert.Equal(ids, accepted.Where(s => s.Subscription == subscription).Select(s => s.Id));
        }

        Assert.True(sent.Count > accepted.Count, "no attempt was refused, so no lane was ever stopped and restarted");
        Assert.Empty(await Stores.Subscriptions.DueDeliveriesAsync(DateTimeOffset.UtcNow, 10, 10, default));
    }

    [Fact]
    public async Task A_claim_of_a_dead_node_lapses_and_another_node_delivers_the_lane_in_order()
    {
        var queue = await QueueAsync(1, 3);
        var lane = queue.Single().Value;
        var dead = Stores.Subscriptions;
        var alive = Stores.AnotherNode().Subscriptions;
        var claimed = await dead.ClaimDueDeliveriesAsync(new DeliveryClaim("node-dead", Queued, Queued.AddMinutes(2)), 100, 20, default);
        Assert.Equal(lane, claimed.Select(d => d.Id));

        // While the claim lives, the lane is nobody else's, not even its later rows.
        Assert.Empty(await alive.ClaimDueDeliveriesAsync(new DeliveryClaim("node-alive", Queued.AddMinutes(1), Queued.AddMinutes(3)), 100, 20, default));
        Assert.Empty(await alive.ClaimDueDeliveriesAsync(new DeliveryClaim("node-alive", Queued.AddMinutes(2).AddSeconds(-1), Queued.AddMinutes(4)), 100, 20, default));

        // The node died without releasing: once its claim lapses another node takes the whole lane, in queue order.
        var taken = await alive.ClaimDueDeliveriesAsync(new DeliveryClaim("node-alive", Queued.AddMinutes(2), Queued.AddMinutes(4)), 100, 20, default);
        Assert.Equal(lane, taken.Select(d => d.Id));

        // Were the first node only slow, it may not send what it lost; the new holder may.
        Assert.False(await dead.RenewClaimAsync(claimed[0], new DeliveryClaim("node-dead", Queued.AddMinutes(2), Queued.AddMinutes(5)), default));
        Assert.True(await alive.RenewClaimAsync(taken[0], new DeliveryClaim("node-alive", Queued.AddMinutes(2), Queued.AddMinutes(5)), default));
        Assert.Empty(await dead.ClaimDueDeliveriesAsync(new DeliveryClaim("node-dead", Queued.AddMinutes(3), Queued.AddMinutes(6)), 100, 20, default));
    }

    [Fact]
    public async Task Released_and_recorded_claims_free_the_lane_at_once()
    {
        var lane = (await QueueAsync(1, 2)).Single().Value;
        var first = Stores.Subscriptions;
        var second = Stores.AnotherNode().Subscriptions;
        var claim = new DeliveryClaim("node-1", Queued, Queued.AddMinutes(2));
        var claimed = await first.ClaimDueDeliveriesAsync(claim, 100, 20, default);
        Assert.Equal(2, claimed.Count);

        // The first delivery is recorded (its claim goes with it), the second still held: the lane stays closed.
        await first.SaveAttemptAsync(claimed[0] with { Status = DeliveryStatus.Delivered, Attempts = 1, DeliveredAt = Queued }, default);
        Assert.Empty(await second.ClaimDueDeliveriesAsync(new DeliveryClaim("node-2", Queued, Queued.AddMinutes(2)), 100, 20, default));

        // Released at the end of the pass: the other node takes the rest straight away.
        await first.ReleaseClaimsAsync("node-1", default);
        Assert.Equal([lane[1]], (await second.ClaimDueDeliveriesAsync(new DeliveryClaim("node-2", Queued, Queued.AddMinutes(2)), 100, 20, default)).Select(d => d.Id));
    }

    [Fact]
    public async Task Only_one_node_at_a_time_queues_run_notifications()
    {
        var first = Stores.Subscriptions;
        var second = Stores.AnotherNode().Subscriptions;
        var held = await first.LockNotificationsAsync(default);
        var waiting = second.LockNotificationsAsync(default);
        await Task.Delay(500);
        Assert.False(waiting.IsCompleted, "a second node queued notifications while the first held the lock");

        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.LockNotificationsAsync(cancelled.Token));
    }

    // Queues perSubscription deliveries for each of `count` subscriptions, interleaved; returns each lane's ids in order.
    private async Task<Dictionary<string, List<string>>> QueueAsync(int count, int perSubscription)
    {
        await Stores.SeedDatasetAsync();
        var run = Stores.Load("hmrc-taxpayers", RefreshMode.Full, ("R1", """{"nino":"AB123456C"}"""));
        var lanes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var s = 0; s < count; s++)
        {
            var id = $"sub_{s}";
            await Stores.Subscriptions.AddAsync(new Subscription(
                id, "leeds-service", "leeds", "dsa-1", "benefit-eligibility", "hmrc-taxpayers", [ChangeEvents.Changed], new Uri("https://hooks.example.gov.uk/x"), [], TestStores.At(2026, 1, 2)), [1], default);
            lanes[id] = [];
        }

        var deliveries = new List<WebhookDelivery>();
        for (var i = 0; i < perSubscription; i++)
        {
            foreach (var (subscription, ids) in lanes)
            {
                var id = $"evt_{subscription}_{i:D3}";
                ids.Add(id);
                deliveries.Add(new WebhookDelivery(id, subscription, ChangeEvents.Changed, Queued, DeliveryStatus.Pending, 0, Queued) { Body = "{}" });
            }
        }

        await Stores.Subscriptions.CompleteRunAsync(run, deliveries, default);
        return lanes;
    }
}
