using System.Collections.Concurrent;
using Concordat.Core.Subscriptions;

namespace Concordat.Core.Tests.Subscriptions;

public sealed class DeliveryLanesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_receiver_that_never_answers_does_not_hold_up_other_subscriptions()
    {
        var hung = new TaskCompletionSource();
        var delivered = new ConcurrentQueue<string>();
        var batch = new[] { Delivery("evt_d1", "sub_dead"), Delivery("evt_a1", "sub_alive"), Delivery("evt_b1", "sub_other") };

        var run = DeliveryLanes.RunAsync(batch, maxConcurrency: 4, async (delivery, token) =>
        {
            if (delivery.SubscriptionId == "sub_dead")
            {
                await hung.Task.WaitAsync(token);
                return DeliveryStatus.Pending;
            }

            delivered.Enqueue(delivery.Id);
            return DeliveryStatus.Delivered;
        }, CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (delivered.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(["evt_a1", "evt_b1"], delivered.Order(StringComparer.Ordinal));
        Assert.False(run.IsCompleted);
        hung.SetResult();
        Assert.Equal(3, await run);
    }

    [Fact]
    public async Task Each_lane_keeps_queue_order_and_stops_at_the_first_delivery_left_pending()
    {
        var seen = new ConcurrentQueue<string>();
        var batch = new[] { Delivery("evt_1", "sub_a"), Delivery("evt_2", "sub_a"), Delivery("evt_3", "sub_a"), Delivery("evt_x", "sub_b") };

        var attempts = await DeliveryLanes.RunAsync(batch, maxConcurrency: 1, (delivery, _) =>
        {
            seen.Enqueue(delivery.Id);
            return Task.FromResult(delivery.Id == "evt_2" ? DeliveryStatus.Pending : DeliveryStatus.Delivered);
        }, CancellationToken.None);

        Assert.Equal(3, attempts);
        Assert.Equal(["evt_1", "evt_2", "evt_x"], seen);
    }

    [Fact]
    public async Task A_failed_delivery_does_not_stop_its_lane()
    {
        var seen = new ConcurrentQueue<string>();
        var batch = new[] { Delivery("evt_1", "sub_a"), Delivery("evt_2", "sub_a") };
        await DeliveryLanes.RunAsync(batch, 2, (delivery, _) =>
        {
            seen.Enqueue(delivery.Id);
            return Task.FromResult(DeliveryStatus.Failed);
        }, CancellationToken.None);
        Assert.Equal(["evt_1", "evt_2"], seen);
    }

    [Fact]
    public async Task No_more_lanes_run_at_once_than_the_bound()
    {
        var inFlight = 0;
        var most = 0;
        var batch = Enumerable.Range(0, 12).Select(i => Delivery($"evt_{i}", $"sub_{i}")).ToList();
        await DeliveryLanes.RunAsync(batch, 3, async (_, token) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(20, token);
            Interlocked.Decrement(ref inFlight);
            return DeliveryStatus.Delivered;
        }, CancellationToken.None);
        Assert.InRange(most, 2, 3);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static WebhookDelivery Delivery(string id, string subscription) =>
        new(id, subscription, ChangeEvents.Changed, Now, DeliveryStatus.Pending, 0, Now) { Body = "{}" };
}
