using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Ingestion;
using Concordat.Core.Subscriptions;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Server.Tests.Api.Subscriptions.SubscriptionFixture;

namespace Concordat.Server.Tests.Api.Subscriptions;

/// <summary>
/// Issue 6: ingest runs become signed webhooks to a real receiver on loopback, shaped by the agreement, audited before
/// they leave, retried with backoff on the hub's (fake) clock, and stopped when the agreement no longer permits them.
/// </summary>
public sealed class WebhookDeliveryTests : IClassFixture<SubscriptionFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromHours(2);
    private readonly SubscriptionFixture _fx;

    public WebhookDeliveryTests(SubscriptionFixture fx) => _fx = fx;

    [Fact]
    public async Task Postcode_change_notifies_the_subscriber_with_a_valid_signature_and_only_the_agreed_fields()
    {
        await using var receiver = await WebhookReceiver.StartAsync([]);
        var agreement = await _fx.ActiveAgreementAsync("wh-change");
        var (id, secret) = await _fx.SubscribeAsync(agreement, receiver.Url, ChangeEvents.Changed);
        var auditFrom = await _fx.Audit.GetSizeAsync(default);

        // Ann (75) moves; Bob (35) moves too but the agreement's row filter (age 65+) keeps him out.
        await _fx.IngestAsync("AB123456C,Ann,O'Neill,1950-03-04,LS2 7HY,pension-credit,2020-01-01", "CE987654D,Bob,Smith,1990-01-01,LS7 3CC,universal-credit,2022-02-02");

        var webhook = await receiver.NextAsync();
        Assert.StartsWith("application/json", webhook.ContentType, StringComparison.Ordinal);
        var guard = new WebhookReplayGuard(secret, WebhookSignature.DefaultTolerance);
        var accepted = guard.Accept(webhook.Id, webhook.Timestamp, webhook.Signature, webhook.Body, _fx.Host.Clock.GetUtcNow());
        Assert.True(accepted.IsSuccess, string.Join("; ", accepted.Errors.Select(e => e.Code)));

        var body = JsonNode.Parse(webhook.Body)!.AsObject();
        Assert.Equal(webhook.Id, (string?)body["id"]);
        Assert.Equal("changed", (string?)body["type"]);
        Assert.Equal(agreement, (string?)body["agreementId"]);
        Assert.Equal("dwp-claimants", (string?)body["datasetId"]);
        var record = body["record"]!.AsObject();
        Assert.Equal(["benefit", "dateOfBirth", "givenName", "nino", "postcode"], record.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("LS2", record["postcode"]!.ToString());
        Assert.Equal("1950", record["dateOfBirth"]!.ToString());
        Assert.Equal("AB123456C", record["nino"]!.ToString());
        Assert.DoesNotContain("O'Neill", System.Text.Encoding.UTF8.GetString(webhook.Body), StringComparison.Ordinal);

        // Exactly one notification, audited as "notify" for Ann before it was sent.
        var deliveries = await _fx.DeliveriesAsync(id);
        Assert.Equal(1, deliveries.GetArrayLength());
        var notify = (await _fx.AuditSinceAsync(auditFrom)).Where(e => e.Action == "notify").ToList();
        var entry = Assert.Single(notify);
        Assert.Equal(AuditOutcome.Permitted, entry.Outcome);
        Assert.Equal(agreement, entry.AgreementId);
        Assert.Single(entry.SubjectKeys);
        await _fx.WaitUntilAsync(async () => (await _fx.DeliveriesAsync(id))[0].GetProperty("status").GetString() == "delivered", false, "delivered");

        // A replay is refused: the same key again, or the same body and signature after the tolerance.
        Assert.Equal("webhook.replayed", guard.Accept(webhook.Id, webhook.Timestamp, webhook.Signature, webhook.Body, _fx.Host.Clock.GetUtcNow()).Errors.Single().Code);
        var late = _fx.Host.Clock.GetUtcNow() + WebhookSignature.DefaultTolerance + TimeSpan.FromSeconds(5);
        Assert.Equal("webhook.stale", WebhookSignature.Verify(secret, webhook.Id, webhook.Timestamp, webhook.Signature, webhook.Body, late, WebhookSignature.DefaultTolerance).Errors.Single().Code);
        Assert.Equal(1, receiver.Count);
        await _fx.UnsubscribeAsync(id);
    }

    [Fact]
    public async Task Receiver_failing_twice_gets_three_attempts_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync([500, 500]);
        var agreement = await _fx.ActiveAgreementAsync("wh-retry");
        var (id, secret) = await _fx.SubscribeAsync(agreement, receiver.Url, ChangeEvents.Changed);

        await _fx.IngestAsync("AB123456C,Ann,O'Neill,1950-03-04,LS3 1AA,pension-credit,2020-01-01");
        await _fx.WaitUntilAsync(() => Task.FromResult(receiver.Count >= 3), advanceClock: true, "three attempts");

        var attempts = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() };
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.Single(attempts.Select(a => Convert.ToBase64String(a.Body)).Distinct());
        var times = attempts.Select(a => long.Parse(a.Timestamp, CultureInfo.InvariantCulture)).ToList();
        Assert.True(times[0] < times[1] && times[1] < times[2], "Each retry is re-signed at its own time, after a backoff");
        foreach (var attempt in attempts)
        {
            Assert.True(WebhookSignature.Verify(secret, attempt.Id, attempt.Timestamp, attempt.Signature, attempt.Body, _fx.Host.Clock.GetUtcNow(), Generous).IsSuccess);
        }

        await _fx.WaitUntilAsync(async () => (await _fx.DeliveriesAsync(id))[0].GetProperty("status").GetString() == "delivered", false, "delivered");
        var delivery = (await _fx.DeliveriesAsync(id))[0];
        Assert.Equal(attempts[0].Id, delivery.GetProperty("id").GetString());
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatusCode").GetInt32());
        await _fx.UnsubscribeAsync(id);
    }

    [Fact]
    public async Task A_dead_receiver_does_not_delay_other_subscribers()
    {
        // The dead receiver holds every request past the hub's attempt timeout (15 s by default) and is subscribed first,
        // so a one-at-a-time dispatcher would make the healthy receiver wait for that timeout.
        await using var dead = await WebhookReceiver.StartAsync([], delay: TimeSpan.FromSeconds(60));
        await using var healthy = await WebhookReceiver.StartAsync([]);
        var agreement = await _fx.ActiveAgreementAsync("wh-dead");
        var (deadId, _) = await _fx.SubscribeAsync(agreement, dead.Url, ChangeEvents.Changed);
        var (healthyId, _) = await _fx.SubscribeAsync(agreement, healthy.Url, ChangeEvents.Changed);

        var started = System.Diagnostics.Stopwatch.StartNew();
        await _fx.IngestAsync("AB123456C,Ann,O'Neill,1950-03-04,LS4 2AA,pension-credit,2020-01-01");
        await healthy.NextAsync();
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(8), $"The healthy receiver waited {started.Elapsed} behind the dead one");
        await _fx.WaitUntilAsync(async () => (await _fx.DeliveriesAsync(deadId))[0].TryGetProperty("lastError", out _), false, "the dead receiver's attempt to time out");
        Assert.Equal("webhook.timeout", (await _fx.DeliveriesAsync(deadId))[0].GetProperty("lastError").GetString());
        await _fx.UnsubscribeAsync(deadId);
        await _fx.UnsubscribeAsync(healthyId);
    }

    [Fact]
    public async Task Notifications_reach_a_receiver_in_order_even_when_the_first_needs_a_retry()
    {
        await using var receiver = await WebhookReceiver.StartAsync([500]);
        var agreement = await _fx.ActiveAgreementAsync("wh-order");
        var (id, _) = await _fx.SubscribeAsync(agreement, receiver.Url, ChangeEvents.Changed);

        await _fx.IngestAsync("AB123456C,Ann,O'Neill,1950-03-04,LS5 1AA,pension-credit,2020-01-01");
        var first = await receiver.NextAsync();
        await _fx.WaitUntilAsync(async () => (await _fx.DeliveriesAsync(id))[0].TryGetProperty("lastStatusCode", out _), false, "the failed attempt to be recorded");
        await _fx.IngestAsync("AB123456C,Ann,O'Neill,1950-03-04,LS6 2BB,pension-credit,2020-01-01");

        // The second change is due at once but must wait for the first, which waits for its backoff.
        await Task.Delay(1500);
        Assert.Equal(1, receiver.Count);
        await _fx.WaitUntilAsync(() => Task.FromResult(receiver.Count >= 3), advanceClock: true, "the retry and the second change");
        var retry = await receiver.NextAsync();
        var second = await receiver.NextAsync();
        Assert.Equal(first.Id, retry.Id);
        Assert.NotEqual(first.Id, second.Id);
        using var body = JsonDocument.Parse(second.Body);
        Assert.Equal("LS6", body.RootElement.GetProperty("record").GetProperty("postcode").GetString());
        await _fx.UnsubscribeAsync(id);
    }

    [Fact]
    public async Task Receiver_failing_every_attempt_leaves_the_delivery_failed_and_visible()
    {
        await using var receiver = await WebhookReceiver.StartAsync([], otherwise: 503);
        var agreement = await _fx.ActiveAgreementAsync("wh-fail");
        var (id, _) = await _fx.SubscribeAsync(agreement, receiver.Url, ChangeEvents.Changed);

        await _fx.IngestAsync("AB123456C,Ann,O'Neill,1950-03-04,LS5 4DD,pension-credit,2020-01-01");
        await _fx.WaitUntilAsync(async () => (await _fx.DeliveriesAsync(id))[0].GetProperty("status").GetString() == "failed", true, "failed");

        var delivery = (await _fx.DeliveriesAsync(id))[0];
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(503, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal("webhook.http_status", delivery.GetProperty("lastError").GetString());
        Assert.Equal(3, receiver.Count);
        await _fx.UnsubscribeAsync(id);
    }

    [Fact]
    public async Task Suspended_agreement_stops_notifications_and_the_denial_is_audited()
    {
        await using var receiver = await WebhookReceiver.StartAsync([]);
        var agreement = await _fx.ActiveAgreementAsync("wh-suspend");
        var (id, _) = await _fx.SubscribeAsync(agreement, receiver.Url, ChangeEvents.Changed, ChangeEvents.Deleted);
        using (var provider = await _fx.Host.AsAsync("dwp-dpo"))
        {
            await ExpectAsync(provider.PostAsync($"/api/v1/agreements/{agreement}/suspend", Bodies.Json("""{"reason":"Investigating a complaint."}""")), System.Net.HttpStatusCode.OK);
        }

        var auditFrom = await _fx.Audit.GetSizeAsync(default);
        await _fx.IngestAsync("AB123456C,Ann,O'Neill,1950-03-04,LS4 2BB,pension-credit,2020-01-01");

        // The notifier runs before the ingest returns, so an empty outbox now means nothing will be sent.
        Assert.Equal(0, (await _fx.DeliveriesAsync(id)).GetArrayLength());
        var notify = (await _fx.AuditSinceAsync(auditFrom)).Where(e => e.Action == "notify" && e.AgreementId == agreement).ToList();
        var denied = Assert.Single(notify);
        Assert.Equal(AuditOutcome.Denied, denied.Outcome);
        Assert.Equal("policy.agreement_suspended", denied.ReasonCode);
        Assert.Equal(0, receiver.Count);
        await _fx.UnsubscribeAsync(id);
    }

    [Fact]
    public async Task Agreement_suspended_while_a_delivery_waits_stops_its_retries()
    {
        await using var receiver = await WebhookReceiver.StartAsync([500]);
        var agreement = await _fx.ActiveAgreementAsync("wh-suspend-later");
        var (id, _) = await _fx.SubscribeAsync(agreement, receiver.Url, ChangeEvents.Changed);
        await _fx.IngestAsync("AB123456C,Ann,O'Neill,1950-03-04,LS8 5EE,pension-credit,2020-01-01");
        await receiver.NextAsync();
        await _fx.WaitUntilAsync(async () => (await _fx.DeliveriesAsync(id))[0].GetProperty("attempts").GetInt32() == 1, false, "first attempt recorded");

        using (var provider = await _fx.Host.AsAsync("dwp-dpo"))
        {
            await ExpectAsync(provider.PostAsync($"/api/v1/agreements/{agreement}/suspend", Bodies.Json("""{"reason":"Investigating a complaint."}""")), System.Net.HttpStatusCode.OK);
        }

        await _fx.WaitUntilAsync(async () => (await _fx.DeliveriesAsync(id))[0].GetProperty("status").GetString() == "failed", true, "failed");
        var delivery = (await _fx.DeliveriesAsync(id))[0];
        Assert.Equal("policy.agreement_suspended", delivery.GetProperty("lastError").GetString());
        Assert.Equal(1, receiver.Count);
        await _fx.UnsubscribeAsync(id);
    }

    [Fact]
    public async Task Deletion_notifies_with_only_the_permitted_key_fields()
    {
        await using var receiver = await WebhookReceiver.StartAsync([]);
        var agreement = await _fx.ActiveAgreementAsync("wh-delete");
        var (id, secret) = await _fx.SubscribeAsync(agreement, receiver.Url, ChangeEvents.Deleted);

        // A full refresh without Ann's attendance allowance tombstones it; the notifier is told as IngestService tells it.
        var store = _fx.Host.Services.GetRequiredService<IIngestStore>();
        var current = await _fx.Host.Services.GetRequiredService<IRecordStore>().ListRecordsAsync("dwp-claimants", null, 100, default);
        var kept = current.Where(r => r.Key != "AB123456C|attendance-allowance").Select(r => (r.Key, r.PayloadJson)).ToList();
        Assert.Equal(current.Count - 1, kept.Count);
        var runId = IngestSeed.Run(_fx.Host, "dwp-claimants", kept, fullRefresh: true);
        await _fx.Host.Services.GetRequiredService<ChangeNotifier>().RunCommittedAsync((await store.GetRunAsync(runId, default))!, default);

        var webhook = await receiver.NextAsync();
        Assert.True(WebhookSignature.Verify(secret, webhook.Id, webhook.Timestamp, webhook.Signature, webhook.Body, _fx.Host.Clock.GetUtcNow(), WebhookSignature.DefaultTolerance).IsSuccess);
        using var body = JsonDocument.Parse(webhook.Body);
        Assert.Equal("deleted", body.RootElement.GetProperty("type").GetString());
        var record = body.RootElement.GetProperty("record");
        Assert.Equal(["benefit", "nino"], record.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("attendance-allowance", record.GetProperty("benefit").GetString());
        await _fx.UnsubscribeAsync(id);
    }

    [Fact]
    public async Task Run_committed_without_the_hub_being_told_is_notified_by_the_dispatcher_poll()
    {
        await using var receiver = await WebhookReceiver.StartAsync([]);
        var agreement = await _fx.ActiveAgreementAsync("wh-catch-up");
        var (id, secret) = await _fx.SubscribeAsync(agreement, receiver.Url, ChangeEvents.Changed);

        // Written straight to the store, as the CLI (another process) would: no observer is called.
        IngestSeed.Run(_fx.Host, "dwp-claimants",
            [("AB123456C|pension-credit", """{"nino":"AB123456C","givenName":"Ann","familyName":"O'Neill","dateOfBirth":"1950-03-04","postcode":"LS10 1AB","benefit":"pension-credit","claimStart":"2020-01-01"}""")]);
        await _fx.WaitUntilAsync(() => Task.FromResult(receiver.Count >= 1), advanceClock: true, "the poll to notice the run");

        var webhook = await receiver.NextAsync();
        Assert.True(WebhookSignature.Verify(secret, webhook.Id, webhook.Timestamp, webhook.Signature, webhook.Body, _fx.Host.Clock.GetUtcNow(), Generous).IsSuccess);
        using var body = JsonDocument.Parse(webhook.Body);
        Assert.Equal("LS10", body.RootElement.GetProperty("record").GetProperty("postcode").GetString());
        Assert.Equal(1, (await _fx.DeliveriesAsync(id)).GetArrayLength());
        await _fx.UnsubscribeAsync(id);
    }
}
