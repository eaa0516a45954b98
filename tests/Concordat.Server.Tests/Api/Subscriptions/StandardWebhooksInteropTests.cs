using System.Text;
using Concordat.Core.Subscriptions;

namespace Concordat.Server.Tests.Api.Subscriptions;

/// <summary>
/// The hub's notifications verify with Standard Webhooks implementations it shares no code with. Its own fixture, so
/// the hub's clock is never moved on: these libraries check the timestamp against the real clock.
/// </summary>
public sealed class StandardWebhooksInteropTests : IClassFixture<SubscriptionFixture>
{
    private readonly SubscriptionFixture _fx;

    public StandardWebhooksInteropTests(SubscriptionFixture fx) => _fx = fx;

    [Fact]
    public async Task A_notification_verifies_with_the_standard_webhooks_libraries_for_node_and_dotnet()
    {
        await using var receiver = await WebhookReceiver.StartAsync([]);
        var agreement = await _fx.ActiveAgreementAsync("wh-interop");
        var (id, secret) = await _fx.SubscribeAsync(agreement, receiver.Url, ChangeEvents.Changed);
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", secret);

        await _fx.IngestAsync("AB123456C,Ann,O'Neill,1950-03-04,LS2 7HY,pension-credit,2020-01-01");
        var webhook = await receiver.NextAsync();

        Assert.Matches("^evt_[0-9a-f]{32}$", webhook.Id);
        Assert.Matches("^v1,[A-Za-z0-9+/]{43}=$", webhook.Signature);
        Assert.Equal("verified", await StandardWebhooksNode.VerifyAsync(secret, webhook));
        new StandardWebhooks.StandardWebhook(secret).Verify(Encoding.UTF8.GetString(webhook.Body), webhook.Headers);

        // Control: the same libraries refuse it once the body is changed by one byte.
        var tampered = webhook with { Body = [.. webhook.Body.Take(webhook.Body.Length - 1), (byte)' '] };
        Assert.StartsWith("refused", await StandardWebhooksNode.VerifyAsync(secret, tampered), StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => new StandardWebhooks.StandardWebhook(secret).Verify(Encoding.UTF8.GetString(tampered.Body), tampered.Headers));
        await _fx.UnsubscribeAsync(id);
    }
}
