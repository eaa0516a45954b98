using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Concordat.Core.Subscriptions;
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Api.Subscriptions;
using Concordat.Server.Tests.Hosting;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Concordat.Server.Tests.Reliability;

/// <summary>
/// Issue 13 item 1, the hub: kill -9 the hub process at seeded random moments while consumers' look-ups append audit
/// entries (and the background signer and an administrator sign checkpoints), and while it queues and delivers
/// webhooks to a real receiver. After every kill the hub starts again on the same data directory, its log passes
/// <c>concordat audit verify --hub</c>, and nothing it acknowledged is missing.
/// </summary>
public sealed class HubCrashTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "concordat-server-tests", "crash-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _output;

    public HubCrashTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_root);
    }

    private string Data => Path.Combine(_root, "data");

    [Fact]
    public async Task Killed_during_audited_lookups_the_hub_restarts_verifies_and_keeps_every_acknowledged_entry()
    {
        await using (var setup = new DirectoryHost([], Data))
        {
            SubscriptionFixture.Seed(setup);
            await ExchangeFixture.ActivateAsync(setup, "crash-load");
        }

        var seed = HubCrash.Seed;
        var random = new Random(seed);
        _output.WriteLine($"audit appends under load: seed {seed}, {HubCrash.Kills} kills (replay with CONCORDAT_CRASH_SEED={seed})");
        var acknowledged = new ConcurrentDictionary<long, int>();
        long totalLookups = 0;
        for (var kill = 0; kill <= HubCrash.Kills; kill++)
        {
            await using var hub = await HubProcess.StartAsync(_root, environment: HubCrash.Settings(Data));
            var where = $"seed {seed}, start {kill}";
            using var admin = await HubCrash.ClientAsync(hub, Data, "hub-admin");

            // Everything acknowledged before the last kill is in the log the restarted hub serves, and the log verifies.
            var signed = await ExchangeFixture.ExpectAsync(admin.PostAsync("/api/v1/audit/checkpoints", null), HttpStatusCode.OK);
            var size = signed.GetProperty("treeSize").GetInt64();
            Assert.True(acknowledged.IsEmpty || acknowledged.Keys.Max() < size, $"{where}: an acknowledged entry is beyond the log's size {size}");
            foreach (var index in acknowledged.Keys.OrderBy(_ => random.Next()).Take(20))
            {
                var entry = await ExchangeFixture.ExpectAsync(admin.GetAsync($"/api/v1/audit/entries/{index}"), HttpStatusCode.OK);
                Assert.True(entry.GetProperty("action").GetString() == "lookup" && entry.GetProperty("clientId").GetString() == "leeds-council-service", $"{where}: entry {index} is not the look-up acknowledged with it");
            }

            var verified = await HubCrash.VerifyAsync(hub, admin, _root);
            Assert.True(verified.ExitCode == 0, $"{where}: audit verify failed: {verified.Output}");
            if (kill == HubCrash.Kills)
            {
                break;
            }

            // Sixteen consumers and a checkpointing administrator, then kill -9 after a random delay.
            using var consumer = await HubCrash.ClientAsync(hub, Data, SubscriptionFixture.Consumer);
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
            {
                var n = 0;
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var response = await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(ExchangeFixture.Lookup("crash-load", "AB123456C")), stop.Token);
                        var text = await response.Content.ReadAsStringAsync(stop.Token);
                        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
                        using var body = JsonDocument.Parse(text);
                        Assert.True(acknowledged.TryAdd(body.RootElement.GetProperty("auditIndex").GetInt64(), 0), "two look-ups were given one audit index");
                        Interlocked.Increment(ref totalLookups);
                        if (client == 0 && ++n % 10 == 0)
                        {
                            using var checkpoint = await admin.PostAsync("/api/v1/audit/checkpoints", null, stop.Token);
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return;
                    }
                }
            })).ToList();
            await Task.Delay(random.Next(300, 2500));
            await hub.DisposeAsync();
            await stop.CancelAsync();
            await Task.WhenAll(load);
            SqliteConnection.ClearAllPools();
        }

        Assert.True(totalLookups > 0, "no look-up was acknowledged");
        _output.WriteLine($"audit appends under load: {HubCrash.Kills} kills survived, {totalLookups} look-ups acknowledged and found in the log");
    }

    [Fact]
    public async Task Killed_while_queueing_and_delivering_webhooks_the_hub_restarts_and_delivers_every_notification()
    {
        await using var receiver = await WebhookReceiver.StartAsync([]);
        var settings = new Dictionary<string, string>
        {
            ["Concordat__Webhooks__AllowLoopbackHttp"] = "true",
            ["Concordat__Webhooks__BaseBackoff"] = "00:00:00.200",
            ["Concordat__Webhooks__MaxBackoff"] = "00:00:01",
            ["Concordat__Webhooks__PollInterval"] = "00:00:00.200",
            ["Concordat__Webhooks__MaxAttempts"] = "50",
        };
        string subscriptionId;
        string secret;
        await using (var setup = new DirectoryHost(settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value), Data))
        {
            SubscriptionFixture.Seed(setup);
            var agreement = await SubscriptionFixture.ActiveAgreementAsync(setup, "crash-hooks");
            (subscriptionId, secret) = await SubscriptionFixture.SubscribeAsync(setup, agreement, receiver.Url, ChangeEvents.Changed);
            using var steward = await setup.AsAsync("dwp-steward");
            await ExchangeFixture.ExpectAsync(steward.PutAsync("/api/v1/datasets/dwp-claimants/sources/monthly", Bodies.Json("""
                {"source": {"format": "csv"}, "mode": "incremental", "fields": [
                  {"field": "nino"}, {"field": "givenName"}, {"field": "familyName"}, {"field": "dateOfBirth"},
                  {"field": "postcode"}, {"field": "benefit"}, {"field": "claimStart"}]}
                """)), HttpStatusCode.Created);
        }

        var seed = HubCrash.Seed;
        var random = new Random(seed);
        _output.WriteLine($"webhook delivery: seed {seed}, {HubCrash.Kills} kills (replay with CONCORDAT_CRASH_SEED={seed})");
        var uploads = 0;
        for (var kill = 0; kill <= HubCrash.Kills; kill++)
        {
            await using var hub = await HubProcess.StartAsync(_root, environment: HubCrash.Settings(Data, settings));
            var where = $"seed {seed}, start {kill}";
            using var admin = await HubCrash.ClientAsync(hub, Data, "hub-admin");
            var verified = await HubCrash.VerifyAsync(hub, admin, _root);
            Assert.True(verified.ExitCode == 0, $"{where}: audit verify failed: {verified.Output}");
            if (kill == HubCrash.Kills)
            {
                // The last hub runs until the outbox is empty.
                var deadline = DateTime.UtcNow.AddSeconds(90);
                while (Outbox().Pending > 0)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"{where}: {Outbox().Pending} notifications still pending");
                    await Task.Delay(200);
                }

                // Each notification was audited (action notify) before it was queued.
                foreach (var index in Outbox().AuditIndexes.OrderBy(_ => random.Next()).Take(20))
                {
                    var entry = await ExchangeFixture.ExpectAsync(admin.GetAsync($"/api/v1/audit/entries/{index}"), HttpStatusCode.OK);
                    Assert.Equal("notify", entry.GetProperty("action").GetString());
                }

                break;
            }

            // A run of 150 changed claims (each a notification), then kill -9 while it is queued or delivered.
            using var steward = await HubCrash.ClientAsync(hub, Data, "dwp-steward");
            var csv = new StringBuilder("nino,givenName,familyName,dateOfBirth,postcode,benefit,claimStart\n");
            for (var row = 0; row < 150; row++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"AB{(kill * 1000) + row:D6}C,Ann,O'Neill,1950-03-04,LS1 4AP,universal-credit,2020-01-01\n");
            }

            using var upload = await steward.PostAsync("/api/v1/datasets/dwp-claimants/sources/monthly/runs", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
            var run = await upload.Content.ReadAsStringAsync();
            Assert.True(upload.StatusCode == HttpStatusCode.Created, run);
            Assert.True(JsonDocument.Parse(run).RootElement.GetProperty("counts").GetProperty("versionsCreated").GetInt64() == 150, run);
            uploads++;
            await Task.Delay(random.Next(0, 1500));
            await hub.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }

        // Every changed record of every acknowledged run became exactly one outbox row, each delivered, each received
        // (at least once: a delivery cut off by a kill is sent again with the same webhook-id), each correctly signed.
        var outbox = Outbox();
        Assert.Equal(uploads * 150L, outbox.Rows);
        Assert.Equal(outbox.Rows, outbox.Delivered);
        var received = new List<string>();
        var copies = 0;
        while (receiver.Count > copies)
        {
            var webhook = await receiver.NextAsync();
            copies++;
            Assert.True(WebhookSignature.Verify(secret, webhook.Id, webhook.Timestamp, webhook.Signature, webhook.Body, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance).IsSuccess);
            if (!received.Contains(webhook.Id, StringComparer.Ordinal))
            {
                received.Add(webhook.Id);
            }
        }

        // In the order they were queued, across every restart.
        Assert.Equal(outbox.Ids, received);
        _output.WriteLine($"webhook delivery: {HubCrash.Kills} kills survived, {outbox.Rows} notifications delivered ({copies - outbox.Rows} sent again after a kill), subscription {subscriptionId}");
    }

    private (long Rows, long Delivered, long Pending, List<string> Ids, List<long> AuditIndexes) Outbox()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "concordat.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, status, audit_index FROM webhook_deliveries ORDER BY no";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        var audit = new List<long>();
        long delivered = 0, pending = 0;
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
            delivered += reader.GetString(1) == "delivered" ? 1 : 0;
            pending += reader.GetString(1) == "pending" ? 1 : 0;
            audit.Add(reader.GetInt64(2));
        }

        return (ids.Count, delivered, pending, ids, audit);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder.
        }
    }
}
