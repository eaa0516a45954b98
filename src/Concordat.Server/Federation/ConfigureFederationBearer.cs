using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concordat.Server.Auth;
using Concordat.Server.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Federation;

/// <summary>
/// Validates federation access tokens: ES256 with this hub's key, <c>typ at+jwt</c>, issuer and audience this node's
/// federation address, a required expiry; then, as RFC 8705 section 3 requires of a resource server, the token's
/// <c>cnf.x5t#S256</c> must equal the thumbprint of the certificate on this very connection, and its client must be
/// the member that certificate proves. Anything else is 401 with <c>error="invalid_token"</c> (RFC 6750) and a
/// problem body, and is counted as a refusal.
/// </summary>
internal sealed class ConfigureFederationBearer : IConfigureNamedOptions<JwtBearerOptions>
{
    private readonly TokenSigningKey _key;
    private readonly FederationConfigurationService _configuration;
    private readonly TimeProvider _time;

    public ConfigureFederationBearer(TokenSigningKey key, FederationConfigurationService configuration, TimeProvider time)
    {
        _key = key;
        _configuration = configuration;
        _time = time;
    }

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == FederationAuthentication.Scheme)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = false;
        options.IncludeErrorDetails = false;
        options.SaveToken = false;
        options.TimeProvider = _time;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [FederationAuthentication.TokenType],
            IssuerSigningKey = _key.SecurityKey,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ConfigureJwtBearer.ClockSkew,
            IssuerValidator = (issuer, _, _) => issuer == ExpectedIssuer() ? issuer : throw new SecurityTokenInvalidIssuerException("The token was not issued by this node."),
            AudienceValidator = (audiences, _, _) => audiences.Contains(ExpectedIssuer(), StringComparer.Ordinal),
            LifetimeValidator = (notBefore, expires, _, _) => ConfigureJwtBearer.IsWithinLifetime(notBefore, expires, _time.GetUtcNow().UtcDateTime),
            NameClaimType = ConcordatClaims.ClientId,
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (Unbound(context.HttpContext, context.SecurityToken as JsonWebToken) is { } failure)
                {
                    context.Fail(failure);
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var http = context.HttpContext;
                var presented = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
                var unbound = context.AuthenticateFailure is SecurityTokenUnboundException;
                var code = !presented ? "federation.token_missing" : unbound ? "federation.token_not_bound" : "federation.token_invalid";
                var caller = http.Features.Get<FederationCaller>();
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Federation.Bearer");
                FederationLog.RequestRefused(logger, caller?.OrganisationId ?? "unknown", http.Request.Method, RequestLabel.Route(http), code);
                http.RequestServices.GetRequiredService<FederationRefusals>().Count(code, http.Connection.RemoteIpAddress, caller?.OrganisationId);
                // RFC 6750 section 3: no error code when no token was sent; invalid_token when one was and failed.
                http.Response.Headers.WWWAuthenticate = presented
                    ? $"Bearer error=\"invalid_token\", error_description=\"{(unbound ? "The token is bound to another certificate." : "The token is not valid here.")}\""
                    : "Bearer";
                await FederationProblems.WriteAsync(http, StatusCodes.Status401Unauthorized, code, presented
                    ? unbound
                        ? "The access token is bound to another certificate than the one on this connection (RFC 8705)."
                        : "The access token is not valid here; get a new one from this node's token endpoint."
                    : "A federation access token is required; get one from this node's token endpoint over mutual TLS.");
            },
        };
    }

    private string? ExpectedIssuer() => _configuration.Current?.Self is { } self ? FederationTokenIssuer.IssuerOf(self) : null;

    // Why a validated token may not be used on this connection, or null when it may.
    private static SecurityTokenUnboundException? Unbound(HttpContext http, JsonWebToken? token)
    {
        var certificate = http.Connection.ClientCertificate;
        var caller = http.Features.Get<FederationCaller>();
        if (token is null || certificate is null || caller is null)
        {
            return new SecurityTokenUnboundException("There is no client certificate on the connection.");
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
        if (!payload.RootElement.TryGetProperty(FederationAuthentication.Confirmation, out var cnf) || cnf.ValueKind != JsonValueKind.Object
            || !cnf.TryGetProperty(FederationAuthentication.CertificateThumbprint, out var bound) || bound.ValueKind != JsonValueKind.String)
        {
            return new SecurityTokenUnboundException("The token is not certificate-bound.");
        }

        var presented = Encoding.ASCII.GetBytes(caller.CertificateThumbprint);
        var expected = Encoding.ASCII.GetBytes(bound.GetString()!);
        if (!CryptographicOperations.FixedTimeEquals(presented, expected))
        {
            return new SecurityTokenUnboundException();
        }

        return token.TryGetPayloadValue<string>(ConcordatClaims.ClientId, out var client) && client == caller.OrganisationId
            ? null
            : new SecurityTokenUnboundException("The token's client is not the member on this connection.");
    }
}
