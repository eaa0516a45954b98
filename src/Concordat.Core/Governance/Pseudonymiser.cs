using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Concordat.Core.Governance;

/// <summary>
/// Keyed pseudonyms: a token is HMAC-SHA256 of the value's UTF-8 bytes under an agreement's key, written as 43
/// characters of unpadded base64url. The same value gives the same token under one key (so a consumer can link its own
/// records over time) and unrelated tokens under another agreement's key (so two consumers cannot join their
/// extracts). Without the key a token cannot be reversed or recomputed. Thread safe.
/// </summary>
public static class Pseudonymiser
{
    /// <summary>Length of a pseudonymisation key in bytes.</summary>
    public const int KeyLength = 32;

    /// <summary>Length of a token in characters.</summary>
    public const int TokenLength = 43;

    /// <summary>A new random key.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyLength);

    /// <summary>The token of <paramref name="value"/> under <paramref name="key"/>.</summary>
    public static string Token(ReadOnlySpan<byte> key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"A pseudonymisation key is {KeyLength} bytes, not {key.Length}.", nameof(key));
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = max <= 512 ? null : ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var buffer = rented is null ? stackalloc byte[max] : rented;
            var written = Encoding.UTF8.GetBytes(value, buffer);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, buffer[..written], mac);
            return Base64Url.EncodeToString(mac);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Re-identification by the provider: the candidate values whose token under <paramref name="key"/> is
    /// <paramref name="token"/>. A token cannot be inverted, so the provider recomputes tokens over its own values.
    /// </summary>
    public static IReadOnlyList<string> Resolve(ReadOnlySpan<byte> key, string token, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(candidates);
        var matches = new List<string>();
        var wanted = Encoding.ASCII.GetBytes(token);
        foreach (var candidate in candidates)
        {
            var computed = Encoding.ASCII.GetBytes(Token(key, candidate));
            if (CryptographicOperations.FixedTimeEquals(computed, wanted))
            {
                matches.Add(candidate);
            }
        }

        return matches;
    }
}
