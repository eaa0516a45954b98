using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Subscriptions;

namespace Concordat.Core.Tests.Subscriptions;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test-secret";
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"changed"}""");

    [Fact]
    public void Signature_is_hmac_sha256_of_time_dot_body_keyed_by_the_secret_bytes()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        var t = SignedAt.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes($"{t}.").Concat(Body).ToArray()));
        Assert.Equal($"t={t},v1={expected}", header);
    }

    [Fact]
    public void Fresh_signature_verifies_and_returns_the_signed_time()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        var verified = WebhookSignature.Verify(Secret, header, Body, SignedAt.AddSeconds(30), TimeSpan.FromMinutes(5));

        Assert.True(verified.IsSuccess);
        Assert.Equal(SignedAt, verified.Value);
    }

    [Fact]
    public void Tampered_body_is_rejected()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);
        var tampered = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"deleted"}""");

        var verified = WebhookSignature.Verify(Secret, header, tampered, SignedAt, TimeSpan.FromMinutes(5));

        Assert.Equal("webhook.bad_signature", verified.Errors.Single().Code);
    }

    [Fact]
    public void Wrong_secret_is_rejected()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        Assert.Equal("webhook.bad_signature", WebhookSignature.Verify("whsec_other", header, Body, SignedAt, TimeSpan.FromMinutes(5)).Errors.Single().Code);
    }

    [Fact]
    public void Replayed_signature_after_the_tolerance_is_stale()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        var verified = WebhookSignature.Verify(Secret, header, Body, SignedAt.AddMinutes(5).AddSeconds(1), TimeSpan.FromMinutes(5));

        Assert.Equal("webhook.stale", verified.Errors.Single().Code);
    }

    [Fact]
    public void Signature_dated_in_the_future_beyond_the_tolerance_is_stale()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt.AddMinutes(10), Body);

        Assert.Equal("webhook.stale", WebhookSignature.Verify(Secret, header, Body, SignedAt, TimeSpan.FromMinutes(5)).Errors.Single().Code);
    }

    [Fact]
    public void Moving_the_time_without_re_signing_is_rejected()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);
        var later = SignedAt.AddMinutes(20);
        var forged = header.Replace($"t={SignedAt.ToUnixTimeSeconds()}", $"t={later.ToUnixTimeSeconds()}", StringComparison.Ordinal);

        Assert.Equal("webhook.bad_signature", WebhookSignature.Verify(Secret, forged, Body, later, TimeSpan.FromMinutes(5)).Errors.Single().Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t=abc,v1=00")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1764064800")]
    [InlineData("t=1764064800,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    public void Malformed_header_is_rejected(string? header)
    {
        Assert.Equal("webhook.malformed_signature", WebhookSignature.Verify(Secret, header, Body, SignedAt, TimeSpan.FromMinutes(5)).Errors.Single().Code);
    }

    [Fact]
    public void Any_matching_v1_value_is_accepted_so_secrets_can_rotate()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);
        var old = WebhookSignature.Sign("whsec_old", SignedAt, Body).Split(',')[1];

        Assert.True(WebhookSignature.Verify(Secret, $"{old},{header}", Body, SignedAt, TimeSpan.FromMinutes(5)).IsSuccess);
    }
}
