using System.Security.Cryptography;

namespace Concordat.Core.Catalogue;

/// <summary>
/// A salted hash of a client secret. Secrets are 256-bit random values minted by the hub, so a single
/// salted SHA-256 resists guessing as well as a slow KDF would, without making the token endpoint slow
/// (see docs/adr/0003-client-secrets.md).
/// </summary>
public sealed record ClientSecretHash(byte[] Salt, byte[] Hash)
{
    /// <summary>Mints a new random secret (base64url, 43 characters) and its hash.</summary>
    public static (string Secret, ClientSecretHash Hash) Mint()
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (secret, Create(secret));
    }

    /// <summary>Hashes a secret with a fresh salt.</summary>
    public static ClientSecretHash Create(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var salt = RandomNumberGenerator.GetBytes(16);
        return new ClientSecretHash(salt, Compute(salt, secret));
    }

    /// <summary>Checks a presented secret in constant time.</summary>
    public bool Verify(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Compute(Salt, presented), Hash);
    }

    private static byte[] Compute(byte[] salt, string secret)
    {
        var secretBytes = System.Text.Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(input, 0);
        secretBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
