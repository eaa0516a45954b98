using Concordat.Core.Ingestion;
using Concordat.Core.Subscriptions;

namespace Concordat.Storage.Tests.Contracts;

/// <summary>What every <see cref="ISubscriptionStore"/> must do, whatever the dialect.</summary>
public abstract class SubscriptionStoreContract : StoreContract
{
    private ISubscriptionStore Store => Stores.Subscriptions;

    [Fact]
    public async Task Subscriptions_list_by_organisation_oldest_first_and_delete_once()
    {
        await Stores.SeedDatasetAsync();
        await Store.AddAsync(NewSubscription("sub_b") with { CreatedAt = TestStores.At(2026, 1, 3) }, [1], default);
        await Store.AddAsync(NewSubscription("sub_a") with { CreatedAt = TestStores.At(2026, 1, 4) }, [2], default);
        await Store.AddAsync(NewSubscription("sub_c") with { OrganisationId = "dwp" }, [3], default);

        Assert.Equal(["sub_b", "sub_a"], (await Store.ListAsync("leeds", default)).Select(s => s.Id));
        var found = await Store.GetAsync("sub_b", default);
        Assert.Equal(new Uri("https://hooks.example.gov.uk/x"), found!.CallbackUrl);
        Assert.Equal([ChangeEvents.Changed], found.Events);
        Assert.Equal(TestStores.At(2026, 1, 3), found.CreatedAt);
        Assert.True(await Store.DeleteAsync("sub_b", default));
        Assert.False(await Store.DeleteAsync("sub_b", default));
        Assert.Null(await Store.GetAsync("sub_b", default));
    }

    [Fact]
    public async Task Run_changes_carry_the_previous_version_and_a_subscription_hears_only_of_later_runs()
    {
        await Stores.SeedDatasetAsync();
        var first = Load(RefreshMode.Full, ("R1", """{"nino":"AB123456C","familyName":"Smith"}"""), ("R2", """{"nino":"CE987654D","familyName":"Jones"}"""));
        await Store.AddAsync(NewSubscription("sub_a"), [1, 2, 3], default);
        var second = Load(RefreshMode.Full, ("R1", """{"nino":"AB123456C","familyName":"Smyth"}"""));

        var changes = await Store.ChangesOfRunAsync("hmrc-taxpayers", second, default);

        Assert.Equal(["R1", "R2"], changes.Select(c => c.Key));
        Assert.False(changes[0].IsDeleted);
        Assert.Contains("Smith", changes[0].PreviousPayloadJson, StringComparison.Ordinal);
        Assert.Contains("Smyth", changes[0].PayloadJson, StringComparison.Ordinal);
        Assert.True(changes[1].IsDeleted);
        Assert.Contains("Jones", changes[1].PreviousPayloadJson, StringComparison.Ordinal);
        Assert.Empty(await Store.ListForRunAsync("hmrc-taxpayers", first, default));
        Assert.Equal("sub_a", Assert.Single(await Store.ListForRunAsync("hmrc-taxpayers", second, default)).Id);
        Assert.Equal([1, 2, 3], await Store.GetSealedSecretAsync("sub_a", default));
    }

    [Fact]
    public async Task Cursor_moves_with_the_outbox_rows_and_finished_deliveries_lose_their_body()
    {
        await Stores.SeedDatasetAsync();
        var run = Load(RefreshMode.Full, ("R1", """{"nino":"AB123456C"}"""));
        await Store.AddAsync(NewSubscription("sub_b"), [9], default);
        Assert.Equal([run], await Store.RunsToNotifyAsync(10, default));
        var now = TestStores.At(2026, 1, 5);
        var delivery = new WebhookDelivery("evt_1", "sub_b", ChangeEvents.Changed, now, DeliveryStatus.Pending, 0, now) { Body = """{"id":"evt_1"}""", AuditIndex = 4 };

        await Store.CompleteRunAsync(run, [delivery], default);

        Assert.Empty(await Store.RunsToNotifyAsync(10, default));
        Assert.Equal("""{"id":"evt_1"}""", Assert.Single(await Store.DueDeliveriesAsync(now, 10, 10, default)).Body);
        Assert.Empty(await Store.DueDeliveriesAsync(now.AddSeconds(-1), 10, 10, default));

        await Store.SaveAttemptAsync(delivery with { Status = DeliveryStatus.Delivered, Attempts = 1, LastStatusCode = 204, DeliveredAt = now }, default);

        var saved = Assert.Single(await Store.ListDeliveriesAsync("sub_b", 10, default));
        Assert.Equal(DeliveryStatus.Delivered, saved.Status);
        Assert.Equal("", saved.Body);
        Assert.Equal(4, saved.AuditIndex);
        Assert.Empty(await Store.DueDeliveriesAsync(now, 10, 10, default));

        Assert.True(await Store.DeleteAsync("sub_b", default));
        Assert.Empty(await Store.ListDeliveriesAsync("sub_b", 10, default));
        Assert.Null(await Store.GetSealedSecretAsync("sub_b", default));
    }

    [Fact]
    public async Task Due_deliveries_wait_behind_an_earlier_one_of_their_subscription_and_each_lane_is_capped()
    {
        await Stores.SeedDatasetAsync();
        var run = Load(RefreshMode.Full, ("R1", """{"nino":"AB123456C"}"""));
        await Store.AddAsync(NewSubscription("sub_slow"), [1], default);
        await Store.AddAsync(NewSubscription("sub_fast"), [2], default);
        var now = TestStores.At(2026, 1, 5);
        WebhookDelivery Queued(string id, string subscription) => new(id, subscription, ChangeEvents.Changed, now, DeliveryStatus.Pending, 0, now) { Body = "{}" };
        await Store.CompleteRunAsync(run, [Queued("evt_s1", "sub_slow"), Queued("evt_f1", "sub_fast"), Queued("evt_s2", "sub_slow"), Queued("evt_f2", "sub_fast"), Queued("evt_f3", "sub_fast")], default);

        // Each subscription's rows come together and in queue order; the cap applies per subscription.
        var capped = (await Store.DueDeliveriesAsync(now, 10, 2, default)).Select(d => d.Id).ToList();
        Assert.Equal(["evt_f1", "evt_f2", "evt_s1", "evt_s2"], capped.Order(StringComparer.Ordinal));
        Assert.True(capped.IndexOf("evt_s1") < capped.IndexOf("evt_s2") && capped.IndexOf("evt_f1") < capped.IndexOf("evt_f2"));
        var lanes = (await Store.DueDeliveriesAsync(now, 10, 10, default)).GroupBy(d => d.SubscriptionId).ToDictionary(g => g.Key, g => g.Select(d => d.Id).ToList());
        Assert.Equal(["evt_s1", "evt_s2"], lanes["sub_slow"]);
        Assert.Equal(["evt_f1", "evt_f2", "evt_f3"], lanes["sub_fast"]);

        // The slow receiver's first notification failed and waits to retry: its second must not overtake it.
        await Store.SaveAttemptAsync(Queued("evt_s1", "sub_slow") with { Attempts = 1, LastError = "webhook.timeout", NextAttemptAt = now.AddMinutes(1) }, default);
        var due = (await Store.DueDeliveriesAsync(now, 10, 10, default)).Select(d => d.Id).ToList();
        Assert.Equal(["evt_f1", "evt_f2", "evt_f3"], due);

        // Once the retry is due, the lane starts with it again, before the later one.
        var later = (await Store.DueDeliveriesAsync(now.AddMinutes(2), 10, 10, default)).Where(d => d.SubscriptionId == "sub_slow").Select(d => d.Id).ToList();
        Assert.Equal(["evt_s1", "evt_s2"], later);
    }

    [Fact]
    public async Task A_claim_hands_the_dispatcher_the_due_deliveries_and_recording_an_attempt_keeps_its_outcome()
    {
        await Stores.SeedDatasetAsync();
        var run = Load(RefreshMode.Full, ("R1", """{"nino":"AB123456C"}"""));
        await Store.AddAsync(NewSubscription("sub_a"), [1], default);
        var now = TestStores.At(2026, 1, 5);
        WebhookDelivery Queued(string id) => new(id, "sub_a", ChangeEvents.Changed, now, DeliveryStatus.Pending, 0, now) { Body = "{}" };
        await Store.CompleteRunAsync(run, [Queued("evt_1"), Queued("evt_2")], default);

        var claim = new DeliveryClaim("node-1", now, now.AddMinutes(2));
        Assert.Empty(await Store.ClaimDueDeliveriesAsync(claim with { Now = now.AddSeconds(-1) }, 10, 10, default));
        var claimed = await Store.ClaimDueDeliveriesAsync(claim, 10, 10, default);
        Assert.Equal(["evt_1", "evt_2"], claimed.Select(d => d.Id));
        Assert.True(await Store.RenewClaimAsync(claimed[0], claim with { Until = now.AddMinutes(3) }, default));
        await Store.SaveAttemptAsync(claimed[0] with { Status = DeliveryStatus.Delivered, Attempts = 1, DeliveredAt = now }, default);
        await Store.ReleaseClaimsAsync("node-1", default);

        // The same dispatcher's next pass gets what is left.
        Assert.Equal(["evt_2"], (await Store.ClaimDueDeliveriesAsync(claim, 10, 10, default)).Select(d => d.Id));
        Assert.Equal(DeliveryStatus.Delivered, (await Store.ListDeliveriesAsync("sub_a", 10, default)).Single(d => d.Id == "evt_1").Status);
        await using var notifications = await Store.LockNotificationsAsync(default);
    }

    private static Subscription NewSubscription(string id) => new(
        id, "leeds-service", "leeds", "dsa-1", "benefit-eligibility", "hmrc-taxpayers", [ChangeEvents.Changed], new Uri("https://hooks.example.gov.uk/x"), [], TestStores.At(2026, 1, 2));

    private long Load(RefreshMode mode, params (string Key, string Json)[] rows) => Stores.Load("hmrc-taxpayers", mode, rows);
}
