using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Citizen;

/// <summary>Mints and checks <c>private_key_jwt</c> client assertions (OIDC Core section 9, RFC 7523).</summary>
internal static class CitizenClientAssertion
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>An assertion that the hub is <paramref name="clientId"/>, for one use at <paramref name="tokenEndpoint"/>.</summary>
    public static string Create(CitizenClientKey key, string clientId, string tokenEndpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create(key.Key, clientId, tokenEndpoint, now);
    }

    /// <summary>An assertion signed with <paramref name="key"/> (the citizen's or the staff relying party's own key).</summary>
    public static string Create(Auth.TokenSigningKey key, string clientId, string tokenEndpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var issued = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint,
            IssuedAt = issued.UtcDateTime,
            Expires = (issued + Lifetime).UtcDateTime,
            SigningCredentials = key.SigningCredentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["sub"] = clientId,
                ["jti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            },
        });
    }

    /// <summary>Whether <paramref name="assertion"/> is a valid, unexpired assertion for the client and endpoint.</summary>
    public static Task<bool> IsValidAsync(CitizenClientKey key, string assertion, string clientId, string tokenEndpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return IsValidAsync(key.Key, assertion, clientId, tokenEndpoint, now);
    }

    /// <summary>Whether <paramref name="assertion"/> is valid under <paramref name="key"/>.</summary>
    public static async Task<bool> IsValidAsync(Auth.TokenSigningKey key, string assertion, string clientId, string tokenEndpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = await Handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = clientId,
            ValidAudience = tokenEndpoint,
            IssuerSigningKey = key.SecurityKey,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } e && e > now.UtcDateTime && e <= now.UtcDateTime + Lifetime + TimeSpan.FromMinutes(1),
        });
        return result.IsValid && result.ClaimsIdentity.FindFirst("sub")?.Value == clientId;
    }
}
