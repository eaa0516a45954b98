using Concordat.Core.Subscriptions;
using Concordat.Server.Tests.Hosting;
using static Concordat.Server.Tests.Api.Subscriptions.SubscriptionFixture;

namespace Concordat.Server.Tests.Api.Subscriptions;

/// <summary>At least once across a restart: a notification the receiver could not take is delivered by the next process.</summary>
public sealed class OutboxRestartTests : IDisposable
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Concordat:Webhooks:AllowLoopbackHttp"] = "true",
        ["Concordat:Webhooks:BaseBackoff"] = "00:00:00.200",
        ["Concordat:Webhooks:PollInterval"] = "00:00:00.200",
        ["Concordat:Webhooks:MaxAttempts"] = "50",
    };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-server-tests", "outbox-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Pending_delivery_survives_a_restart_and_keeps_its_idempotency_key()
    {
        // A port that answers nothing while the first hub runs.
        int port;
        Uri callback;
        await using (var probe = await WebhookReceiver.StartAsync([]))
        {
            port = probe.Url.Port;
            callback = probe.Url;
        }

        string subscriptionId;
        string deliveryId;
        string secret;
        await using (var first = new DirectoryHost(Settings, _directory))
        {
            Seed(first);
            var agreement = await ActiveAgreementAsync(first, "wh-restart");
            (subscriptionId, secret) = await SubscribeAsync(first, agreement, callback, ChangeEvents.Changed);
            await IngestAsync(first, "AB123456C,Ann,O'Neill,1950-03-04,LS9 6FF,pension-credit,2020-01-01");
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await DeliveriesAsync(first, subscriptionId))[0].GetProperty("attempts").GetInt32() < 1)
            {
                Assert.True(DateTime.UtcNow < deadline, "No attempt was made");
                await Task.Delay(100);
            }

            var pending = (await DeliveriesAsync(first, subscriptionId))[0];
            Assert.Equal("pending", pending.GetProperty("status").GetString());
            Assert.Equal("webhook.network_error", pending.GetProperty("lastError").GetString());
            deliveryId = pending.GetProperty("id").GetString()!;
        }

        await using var receiver = await WebhookReceiver.StartAsync([], port: port);
        await using var second = new DirectoryHost(Settings, _directory);
        second.EnsureStarted();

        var webhook = await receiver.NextAsync();
        Assert.Equal(deliveryId, webhook.Id);
        Assert.True(WebhookSignature.Verify(secret, webhook.Id, webhook.Timestamp, webhook.Signature, webhook.Body, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance).IsSuccess);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created.
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned eventually.
        }
    }
}
