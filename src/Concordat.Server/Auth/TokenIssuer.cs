using System.Security.Cryptography;
using Concordat.Core.Catalogue;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Auth;

/// <summary>Mints ES256 access tokens in the RFC 9068 profile for authenticated clients. Thread safe.</summary>
internal sealed class TokenIssuer
{
    private readonly TokenSigningKey _key;
    private readonly ConcordatOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenIssuer(TokenSigningKey key, IOptions<ConcordatOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = key;
        _options = options.Value;
        _time = time;
    }

    /// <summary>Mints a token for <paramref name="client"/> granting <paramref name="roles"/> (a subset of its roles).</summary>
    public IssuedToken Issue(ApiClient client, ClientRole roles)
    {
        ArgumentNullException.ThrowIfNull(client);
        // Whole seconds: JWT NumericDate has no fractions, so expires_in and exp agree exactly.
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + _options.TokenLifetime;
        var roleNames = RoleNames.Of(roles);
        var scope = string.Join(' ', roleNames);
        var tokenId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = ConcordatClaims.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = ConcordatClaims.TokenType,
            SigningCredentials = _key.SigningCredentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [ConcordatClaims.Subject] = client.ClientId,
                [ConcordatClaims.ClientId] = client.ClientId,
                [ConcordatClaims.Organisation] = client.OrganisationId,
                [ConcordatClaims.Roles] = roleNames.ToArray(),
                [ConcordatClaims.Scope] = scope,
                [ConcordatClaims.TokenId] = tokenId,
            },
        };
        var token = _handler.CreateToken(descriptor);
        return new IssuedToken(token, (long)_options.TokenLifetime.TotalSeconds, scope, tokenId);
    }
}
