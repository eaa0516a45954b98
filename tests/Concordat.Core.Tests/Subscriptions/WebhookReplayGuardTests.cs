using System.Text;
using Concordat.Core.Subscriptions;

namespace Concordat.Core.Tests.Subscriptions;

public sealed class WebhookReplayGuardTests
{
    private const string Secret = "whsec_guard";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_a"}""");

    [Fact]
    public void Same_idempotency_key_twice_is_a_replay()
    {
        var guard = new WebhookReplayGuard(Secret, TimeSpan.FromMinutes(5));
        var header = WebhookSignature.Sign(Secret, Now, Body);

        Assert.True(guard.Accept(header, "evt_a", Body, Now).IsSuccess);
        var replay = guard.Accept(header, "evt_a", Body, Now.AddSeconds(10));

        Assert.Equal("webhook.replayed", replay.Errors.Single().Code);
    }

    [Fact]
    public void Hub_retry_re_signed_later_with_the_same_key_is_recognised_as_handled()
    {
        var guard = new WebhookReplayGuard(Secret, TimeSpan.FromMinutes(5));
        Assert.True(guard.Accept(WebhookSignature.Sign(Secret, Now, Body), "evt_a", Body, Now).IsSuccess);

        var retry = guard.Accept(WebhookSignature.Sign(Secret, Now.AddMinutes(2), Body), "evt_a", Body, Now.AddMinutes(2));

        Assert.Equal("webhook.replayed", retry.Errors.Single().Code);
    }

    [Fact]
    public void Same_body_and_signature_after_the_tolerance_is_stale_even_once_the_key_is_forgotten()
    {
        var guard = new WebhookReplayGuard(Secret, TimeSpan.FromMinutes(5));
        var header = WebhookSignature.Sign(Secret, Now, Body);
        Assert.True(guard.Accept(header, "evt_a", Body, Now).IsSuccess);

        var replay = guard.Accept(header, "evt_a", Body, Now.AddMinutes(6));

        Assert.Equal("webhook.stale", replay.Errors.Single().Code);
    }

    [Fact]
    public void Different_keys_are_both_accepted()
    {
        var guard = new WebhookReplayGuard(Secret, TimeSpan.FromMinutes(5));
        var header = WebhookSignature.Sign(Secret, Now, Body);

        Assert.True(guard.Accept(header, "evt_a", Body, Now).IsSuccess);
        Assert.True(guard.Accept(header, "evt_b", Body, Now).IsSuccess);
    }

    [Fact]
    public void Missing_key_or_bad_signature_is_rejected_before_the_key_is_remembered()
    {
        var guard = new WebhookReplayGuard(Secret, TimeSpan.FromMinutes(5));
        var header = WebhookSignature.Sign(Secret, Now, Body);

        Assert.Equal("webhook.no_idempotency_key", guard.Accept(header, null, Body, Now).Errors.Single().Code);
        Assert.Equal("webhook.bad_signature", guard.Accept(WebhookSignature.Sign("whsec_x", Now, Body), "evt_a", Body, Now).Errors.Single().Code);
        Assert.True(guard.Accept(header, "evt_a", Body, Now).IsSuccess);
    }
}
