using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Concordat.Core.Subscriptions;

/// <summary>
/// Standard Webhooks 1.0.0 symmetric signatures, so any Standard Webhooks library verifies the hub's notifications.
/// The secret is <c>whsec_</c> followed by the standard base64 of 24 to 64 random key bytes (the hub makes 32); the
/// HMAC-SHA256 key is those bytes, not the text. Three headers travel with each attempt: <c>webhook-id</c> (the
/// notification id, the same on every retry), <c>webhook-timestamp</c> (Unix seconds of this attempt) and
/// <c>webhook-signature</c>, a space-separated list of <c>v1,&lt;base64 MAC&gt;</c>. The MAC covers
/// <c>{id}.{timestamp}.{body}</c> with the body's exact bytes. Pure and thread safe; receivers should pair
/// <see cref="Verify"/> with a <see cref="WebhookReplayGuard"/>.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header carrying the notification id, the receiver's idempotency key.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header carrying the attempt's Unix time in seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header carrying the signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The prefix that marks a symmetric Standard Webhooks secret.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>Key bytes in the secrets the hub makes (the standard allows 24 to 64).</summary>
    public const int KeyBytes = 32;

    /// <summary>The tolerance Standard Webhooks libraries use: how far the signed time may be from the receiver's clock.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const int MinKeyBytes = 24;
    private const int MaxKeyBytes = 64;

    /// <summary>A new random secret: <c>whsec_</c> and the base64 of <see cref="KeyBytes"/> bytes.</summary>
    public static string NewSecret()
    {
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        var secret = SecretPrefix + Convert.ToBase64String(key);
        CryptographicOperations.ZeroMemory(key);
        return secret;
    }

    /// <summary>The key bytes of a secret (with or without its prefix), or an error when it is not base64 of 24 to 64 bytes.</summary>
    public static Result<byte[]> DecodeSecret(string? secret)
    {
        var text = secret ?? "";
        if (text.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            text = text[SecretPrefix.Length..];
        }

        var key = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        if (!Convert.TryFromBase64String(text, key, out var written) || written is < MinKeyBytes or > MaxKeyBytes)
        {
            return Error.Validation("webhook.bad_secret", $"A webhook secret is {SecretPrefix} followed by the base64 of {MinKeyBytes} to {MaxKeyBytes} bytes.");
        }

        return key[..written];
    }

    /// <summary>The <c>webhook-signature</c> value (<c>v1,&lt;base64&gt;</c>) for one attempt.</summary>
    /// <param name="secret">The subscription's secret (<c>whsec_...</c>).</param>
    /// <param name="messageId">The notification id; must not contain <c>.</c>, which delimits the signed content.</param>
    /// <param name="timestamp">The attempt's time; sent in <c>webhook-timestamp</c> as Unix seconds.</param>
    /// <param name="body">The exact bytes posted.</param>
    /// <exception cref="ArgumentException">The secret is malformed or the id is empty or contains a full stop.</exception>
    public static string Sign(string secret, string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        if (messageId.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException("A webhook id must not contain '.'.", nameof(messageId));
        }

        var key = DecodeSecret(secret);
        if (!key.IsSuccess)
        {
            throw new ArgumentException(key.Errors[0].Message, nameof(secret));
        }

        return "v1," + Convert.ToBase64String(Mac(key.Value, messageId, timestamp.ToUnixTimeSeconds(), body));
    }

    /// <summary>The Unix-seconds text sent in <c>webhook-timestamp</c>.</summary>
    public static string Timestamp(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks a notification's three headers against the body received. Succeeds with the signed time when some
    /// <c>v1</c> signature matches (several are allowed, for secret rotation; other versions are skipped) and the time
    /// is within <paramref name="tolerance"/> of <paramref name="now"/>; otherwise fails with
    /// <c>webhook.malformed_signature</c>, <c>webhook.stale</c> or <c>webhook.bad_signature</c>. Constant-time comparison.
    /// </summary>
    public static Result<DateTimeOffset> Verify(string secret, string? messageId, string? timestamp, string? signatures, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (tolerance < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance cannot be negative.");
        }

        var key = DecodeSecret(secret);
        if (!key.IsSuccess)
        {
            throw new ArgumentException(key.Errors[0].Message, nameof(secret));
        }

        if (string.IsNullOrEmpty(messageId) || messageId.Contains('.', StringComparison.Ordinal) || string.IsNullOrEmpty(signatures)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var signedAt)
            || signedAt > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return Error.Validation("webhook.malformed_signature", $"A notification needs the {IdHeader}, {TimestampHeader} (Unix seconds) and {SignatureHeader} headers.");
        }

        var signedTime = DateTimeOffset.FromUnixTimeSeconds(signedAt);
        if ((now - signedTime).Duration() > tolerance)
        {
            return Error.Forbidden("webhook.stale", "The signature's time is outside the tolerance; the message may be replayed.");
        }

        var expected = Mac(key.Value, messageId, signedAt, body);
        var matched = false;
        var candidate = new byte[expected.Length];
        foreach (var part in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(part[3..], candidate, out var written) && written == expected.Length)
            {
                matched |= CryptographicOperations.FixedTimeEquals(candidate, expected);
            }
        }

        CryptographicOperations.ZeroMemory(key.Value);
        return matched ? signedTime : Error.Forbidden("webhook.bad_signature", "No signature matches the body.");
    }

    private static byte[] Mac(byte[] key, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(messageId + "." + timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
