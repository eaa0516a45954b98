using System.Security.Cryptography;
using Concordat.Core.Federation;
using Concordat.Server.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Federation;

/// <summary>
/// Mints node-to-node access tokens (RFC 9068 JWT, ES256 with the hub's token key) bound to the calling node's
/// certificate (RFC 8705 section 3: <c>cnf</c> with <c>x5t#S256</c>). The issuer and audience are this node's
/// federation address as the configuration lists it, so a federation token is no good at the public API (whose
/// audience is <c>concordat-api</c>) and a public token is no good here. Thread safe.
/// </summary>
internal sealed class FederationTokenIssuer
{
    private readonly TokenSigningKey _key;
    private readonly FederationOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public FederationTokenIssuer(TokenSigningKey key, IOptions<FederationOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = key;
        _options = options.Value;
        _time = time;
    }

    /// <summary>The issuer (and audience) of this node's federation tokens under a configuration.</summary>
    public static string IssuerOf(FederationMember self)
    {
        ArgumentNullException.ThrowIfNull(self);
        return self.NodeUrl.AbsoluteUri;
    }

    /// <summary>A token for <paramref name="caller"/> bound to the certificate with <paramref name="thumbprint"/>.</summary>
    public IssuedToken Issue(FederationMember self, FederationMember caller, string thumbprint)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var issuer = IssuerOf(self);
        var tokenId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + _options.TokenLifetime).UtcDateTime,
            TokenType = FederationAuthentication.TokenType,
            SigningCredentials = _key.SigningCredentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [ConcordatClaims.Subject] = NodeIdentity.UriOf(caller.OrganisationId),
                [ConcordatClaims.ClientId] = caller.OrganisationId,
                [ConcordatClaims.TokenId] = tokenId,
                [FederationAuthentication.Confirmation] = new Dictionary<string, object>(StringComparer.Ordinal) { [FederationAuthentication.CertificateThumbprint] = thumbprint },
            },
        });
        return new IssuedToken(token, (long)_options.TokenLifetime.TotalSeconds, string.Empty, tokenId);
    }
}
