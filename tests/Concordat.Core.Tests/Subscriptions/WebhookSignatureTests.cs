using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Subscriptions;

namespace Concordat.Core.Tests.Subscriptions;

/// <summary>Standard Webhooks 1.0.0 symmetric signatures (spec/standard-webhooks.md, "Signature scheme").</summary>
public sealed class WebhookSignatureTests
{
    private const string Id = "evt_3a9f0c2e8b1d4c7f9e6a5b4c3d2e1f00";
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"changed"}""");

    [Fact]
    public void Known_answer_from_the_standard_webhooks_reference_libraries()
    {
        // The vector the Standard Webhooks libraries all test against (a 24-byte key).
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            DateTimeOffset.FromUnixTimeSeconds(1614265330), """{"test": 2432232314}"""u8);
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Signature_is_hmac_sha256_of_id_dot_time_dot_body_keyed_by_the_decoded_secret()
    {
        var signature = WebhookSignature.Sign(Secret, Id, SignedAt, Body);

        var key = Convert.FromBase64String(Secret["whsec_".Length..]);
        var content = Encoding.UTF8.GetBytes($"{Id}.{SignedAt.ToUnixTimeSeconds()}.").Concat(Body).ToArray();
        Assert.Equal("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content)), signature);
    }

    [Fact]
    public void New_secrets_are_whsec_and_standard_base64_of_32_bytes()
    {
        var secret = WebhookSignature.NewSecret();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret[6..]).Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }

    [Theory]
    [InlineData("whsec_test-secret")]
    [InlineData("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX-_8")]
    [InlineData("whsec_AAECAwQFBgcICQoLDA0ODxAREhM=")]
    [InlineData("")]
    public void Secrets_that_are_not_base64_of_24_to_64_bytes_are_refused(string secret)
    {
        Assert.Equal("webhook.bad_secret", WebhookSignature.DecodeSecret(secret).Errors.Single().Code);
        Assert.Throws<ArgumentException>(() => WebhookSignature.Sign(secret, Id, SignedAt, Body));
    }

    [Fact]
    public void An_id_with_a_full_stop_cannot_be_signed_or_verified()
    {
        Assert.Throws<ArgumentException>(() => WebhookSignature.Sign(Secret, "evt.1", SignedAt, Body));
        var signature = WebhookSignature.Sign(Secret, "evt", SignedAt, Body);
        Assert.Equal("webhook.malformed_signature", Verify("evt.", signature, SignedAt).Errors.Single().Code);
    }

    [Fact]
    public void Verifies_within_the_tolerance_with_other_versions_and_rotated_keys_beside_it()
    {
        var signature = WebhookSignature.Sign(Secret, Id, SignedAt, Body);
        var rotated = WebhookSignature.Sign(WebhookSignature.NewSecret(), Id, SignedAt, Body);
        var verified = Verify(Id, $"v1a,AAAA {rotated} {signature}", SignedAt.AddSeconds(299));
        Assert.Equal(SignedAt, verified.Value);
    }

    [Fact]
    public void Tampered_body_id_or_time_fails()
    {
        var signature = WebhookSignature.Sign(Secret, Id, SignedAt, Body);
        var tampered = (byte[])Body.Clone();
        tampered[^2] ^= 1;
        Assert.Equal("webhook.bad_signature", WebhookSignature.Verify(Secret, Id, Ts(SignedAt), signature, tampered, SignedAt, WebhookSignature.DefaultTolerance).Errors.Single().Code);
        Assert.Equal("webhook.bad_signature", Verify("evt_other", signature, SignedAt).Errors.Single().Code);
        Assert.Equal("webhook.bad_signature", WebhookSignature.Verify(Secret, Id, Ts(SignedAt.AddSeconds(1)), signature, Body, SignedAt, WebhookSignature.DefaultTolerance).Errors.Single().Code);
        Assert.Equal("webhook.bad_signature", WebhookSignature.Verify(WebhookSignature.NewSecret(), Id, Ts(SignedAt), signature, Body, SignedAt, WebhookSignature.DefaultTolerance).Errors.Single().Code);
    }

    [Fact]
    public void Old_or_future_timestamps_are_stale()
    {
        var signature = WebhookSignature.Sign(Secret, Id, SignedAt, Body);
        Assert.Equal("webhook.stale", Verify(Id, signature, SignedAt.AddMinutes(5).AddSeconds(1)).Errors.Single().Code);
        Assert.Equal("webhook.stale", Verify(Id, signature, SignedAt.AddMinutes(-5).AddSeconds(-1)).Errors.Single().Code);
    }

    [Theory]
    [InlineData(null, "1764064800", "v1,abc")]
    [InlineData(Id, null, "v1,abc")]
    [InlineData(Id, "nope", "v1,abc")]
    [InlineData(Id, "-5", "v1,abc")]
    [InlineData(Id, "1764064800", null)]
    public void Missing_or_malformed_headers_are_refused(string? id, string? timestamp, string? signature)
    {
        var verified = WebhookSignature.Verify(Secret, id, timestamp, signature, Body, SignedAt, WebhookSignature.DefaultTolerance);
        Assert.Equal("webhook.malformed_signature", verified.Errors.Single().Code);
    }

    [Fact]
    public void Hex_or_truncated_signatures_never_match()
    {
        var signature = WebhookSignature.Sign(Secret, Id, SignedAt, Body);
        Assert.False(Verify(Id, signature[..10], SignedAt).IsSuccess);
        Assert.False(Verify(Id, "v1,", SignedAt).IsSuccess);
        Assert.False(Verify(Id, "v1," + Convert.ToHexString(Convert.FromBase64String(signature[3..])), SignedAt).IsSuccess);
    }

    private static string Ts(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Result<DateTimeOffset> Verify(string id, string signature, DateTimeOffset now) =>
        WebhookSignature.Verify(Secret, id, Ts(SignedAt), signature, Body, now, WebhookSignature.DefaultTolerance);
}
