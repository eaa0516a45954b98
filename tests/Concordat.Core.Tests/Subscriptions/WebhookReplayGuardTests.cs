using System.Globalization;
using System.Text;
using Concordat.Core.Subscriptions;

namespace Concordat.Core.Tests.Subscriptions;

public sealed class WebhookReplayGuardTests
{
    private static readonly string Secret = WebhookSignature.NewSecret();
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_a"}""");

    [Fact]
    public void Same_webhook_id_twice_is_a_replay()
    {
        var guard = new WebhookReplayGuard(Secret, TimeSpan.FromMinutes(5));
        Assert.True(Accept(guard, "evt_a", Now, Now).IsSuccess);
        Assert.Equal("webhook.replayed", Accept(guard, "evt_a", Now, Now.AddSeconds(10)).Errors.Single().Code);
    }

    [Fact]
    public void Hub_retry_re_signed_later_with_the_same_id_is_recognised_as_handled()
    {
        var guard = new WebhookReplayGuard(Secret, TimeSpan.FromMinutes(5));
        Assert.True(Accept(guard, "evt_a", Now, Now).IsSuccess);
        Assert.Equal("webhook.replayed", Accept(guard, "evt_a", Now.AddMinutes(2), Now.AddMinutes(2)).Errors.Single().Code);
    }

    [Fact]
    public void Same_body_and_signature_after_the_tolerance_is_stale_even_once_the_id_is_forgotten()
    {
        var guard = new WebhookReplayGuard(Secret, TimeSpan.FromMinutes(5));
        Assert.True(Accept(guard, "evt_a", Now, Now).IsSuccess);
        Assert.Equal("webhook.stale", Accept(guard, "evt_a", Now, Now.AddMinutes(6)).Errors.Single().Code);
    }

    [Fact]
    public void Different_ids_are_both_accepted()
    {
        var guard = new WebhookReplayGuard(Secret, TimeSpan.FromMinutes(5));
        Assert.True(Accept(guard, "evt_a", Now, Now).IsSuccess);
        Assert.True(Accept(guard, "evt_b", Now, Now).IsSuccess);
    }

    [Fact]
    public void Missing_id_or_bad_signature_is_rejected_before_the_id_is_remembered()
    {
        var guard = new WebhookReplayGuard(Secret, TimeSpan.FromMinutes(5));
        var signature = WebhookSignature.Sign(Secret, "evt_a", Now, Body);
        Assert.Equal("webhook.malformed_signature", guard.Accept(null, Ts(Now), signature, Body, Now).Errors.Single().Code);
        Assert.Equal("webhook.bad_signature", guard.Accept("evt_a", Ts(Now), WebhookSignature.Sign(WebhookSignature.NewSecret(), "evt_a", Now, Body), Body, Now).Errors.Single().Code);
        Assert.True(guard.Accept("evt_a", Ts(Now), signature, Body, Now).IsSuccess);
    }

    private static string Ts(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static Result<DateTimeOffset> Accept(WebhookReplayGuard guard, string id, DateTimeOffset signedAt, DateTimeOffset now) =>
        guard.Accept(id, Ts(signedAt), WebhookSignature.Sign(Secret, id, signedAt, Body), Body, now);
}
