using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Concordat.Core.Subscriptions;

/// <summary>
/// The <c>Concordat-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>,
/// where the key is the UTF-8 bytes of the subscription's secret and the body is the exact bytes posted. Binding the
/// time into the MAC lets a receiver refuse an old message replayed with its original header. Pure and thread safe;
/// receivers should pair <see cref="Verify"/> with a <see cref="WebhookReplayGuard"/>.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string HeaderName = "Concordat-Signature";

    /// <summary>A sensible receiver tolerance: how far the signed time may be from the receiver's clock.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value signing <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = timestamp.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"t={t},v1={Convert.ToHexStringLower(Mac(secret, t, body))}");
    }

    /// <summary>
    /// Checks a signature header against the body received. Succeeds with the signed time when some <c>v1</c> value
    /// matches (several are allowed, for secret rotation) and the signed time is within <paramref name="tolerance"/> of
    /// <paramref name="now"/>; otherwise fails with <c>webhook.malformed_signature</c>, <c>webhook.stale</c> or
    /// <c>webhook.bad_signature</c>. The comparison takes constant time.
    /// </summary>
    /// <param name="secret">The subscription's signing secret, as shown at creation.</param>
    /// <param name="signatureHeader">The <c>Concordat-Signature</c> header value.</param>
    /// <param name="body">The request body exactly as received.</param>
    /// <param name="now">The receiver's clock.</param>
    /// <param name="tolerance">How far the signed time may be from <paramref name="now"/>, either way.</param>
    public static Result<DateTimeOffset> Verify(string secret, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (tolerance < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance cannot be negative.");
        }

        long? timestamp = null;
        var candidates = new List<byte[]>(1);
        foreach (var part in (signatureHeader ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)
                && long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal) && part.Length == 3 + (2 * HMACSHA256.HashSizeInBytes))
            {
                try
                {
                    candidates.Add(Convert.FromHexString(part.AsSpan(3)));
                }
                catch (FormatException)
                {
                    // Not hex: ignored like an unknown scheme; no candidate left means malformed.
                }
            }
        }

        if (timestamp is not { } signedAt || candidates.Count == 0 || signedAt > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return Error.Validation("webhook.malformed_signature", $"The {HeaderName} header needs t=<unix seconds> and v1=<64 hex digits>.");
        }

        var signedTime = DateTimeOffset.FromUnixTimeSeconds(signedAt);
        if ((now - signedTime).Duration() > tolerance)
        {
            return Error.Forbidden("webhook.stale", "The signature's time is outside the tolerance; the message may be replayed.");
        }

        var expected = Mac(secret, signedAt, body);
        var matched = false;
        foreach (var candidate in candidates)
        {
            matched |= CryptographicOperations.FixedTimeEquals(candidate, expected);
        }

        return matched ? signedTime : Error.Forbidden("webhook.bad_signature", "The signature does not match the body.");
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var key = Encoding.UTF8.GetBytes(secret);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        CryptographicOperations.ZeroMemory(key);
        return hmac.GetHashAndReset();
    }
}
