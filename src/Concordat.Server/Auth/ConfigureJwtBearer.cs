using System.Security.Claims;
using Concordat.Core.Audit;
using Concordat.Server.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Auth;

/// <summary>
/// Validates incoming access tokens strictly: ES256 only, the hub's own key, issuer, audience, <c>typ at+jwt</c>,
/// a required expiry and at most 30 seconds of clock skew. Nothing is fetched from the network (no metadata, no <c>jku</c>).
/// </summary>
internal sealed class ConfigureJwtBearer : IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>Largest clock difference tolerated between the hub and token validation.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly TokenSigningKey _key;
    private readonly ValidatedTokenCache _validated;
    private readonly ClientStanding _standing;
    private readonly ConcordatOptions _options;
    private readonly TimeProvider _time;

    public ConfigureJwtBearer(TokenSigningKey key, ValidatedTokenCache validated, ClientStanding standing, IOptions<ConcordatOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = key;
        _validated = validated;
        _standing = standing;
        _options = options.Value;
        _time = time;
    }

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            Configure(options);
        }
    }

    /// <summary>The hub's lifetime rule: an expiry is required, and both ends get <see cref="ClockSkew"/>.</summary>
    internal static bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, DateTime now)
    {
        if (expires is null || (notBefore is not null && notBefore > expires))
        {
            return false;
        }

        return (notBefore is null || notBefore.Value <= now + ClockSkew) && expires.Value >= now - ClockSkew;
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters) =>
        IsWithinLifetime(notBefore, expires, _time.GetUtcNow().UtcDateTime);

    public void Configure(JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = false;
        options.IncludeErrorDetails = false;
        options.SaveToken = false;
        options.TimeProvider = _time;
        // Requests on the federation listener carry node-to-node tokens, validated by their own scheme.
        options.ForwardDefaultSelector = context => Federation.FederationConnectionFeature.IsOn(context) ? Federation.FederationAuthentication.Scheme : null;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = ConcordatClaims.Audience,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [ConcordatClaims.TokenType],
            IssuerSigningKey = _key.SecurityKey,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ClockSkew,
            // The injected clock decides token age, so tests with a fake clock see tokens expire.
            LifetimeValidator = ValidateLifetime,
            NameClaimType = ConcordatClaims.Subject,
            RoleClaimType = ConcordatClaims.Roles,
        };
        options.Events = new JwtBearerEvents
        {
            // A token that already passed every check below is taken from the cache (its lifetime checked again); its
            // client's standing is checked on every request all the same, so disabling a client stops its tokens at once.
            OnMessageReceived = async context =>
            {
                if (BearerToken(context.Request) is { } token && _validated.TryGet(token, out var principal))
                {
                    if (await StandsAsync(context.HttpContext, principal))
                    {
                        context.Principal = principal;
                        context.Success();
                    }
                    else
                    {
                        context.Fail(ClientRefused);
                    }
                }
            },
            OnTokenValidated = async context =>
            {
                if (context.Principal is not { } principal || !await StandsAsync(context.HttpContext, principal))
                {
                    context.Fail(ClientRefused);
                    return;
                }

                if (context.SecurityToken is JsonWebToken jwt)
                {
                    _validated.Remember(jwt.EncodedToken, principal, jwt.ValidFrom == DateTime.MinValue ? null : jwt.ValidFrom, jwt.ValidTo);
                }
            },
            OnAuthenticationFailed = context =>
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Auth.Bearer");
                AuthLog.BearerRejected(logger, context.Exception.GetType().Name, context.Request.Method, RequestLabel.Route(context.HttpContext), RequestLabel.RemoteAddress(context.HttpContext));
                return Task.CompletedTask;
            },
            // Every 401 on a protected route: counted per address and minute, never one audit entry per request.
            OnChallenge = context =>
            {
                var http = context.HttpContext;
                http.RequestServices.GetRequiredService<SecurityEventTally>().Count(
                    SecurityEventKind.Unauthenticated,
                    SecurityEventTally.AddressPartition(http.Connection.RemoteIpAddress),
                    null,
                    _time.GetUtcNow());
                return Task.CompletedTask;
            },
            OnForbidden = context =>
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Auth.Bearer");
                AuthLog.AccessForbidden(logger, context.Principal?.Identity?.Name ?? "unknown", context.Request.Method, RequestLabel.Route(context.HttpContext));
                return Task.CompletedTask;
            },
        };
    }

    private const string ClientRefused = "The token's client is disabled, no longer exists, or no longer holds the token's organisation or roles.";

    private async Task<bool> StandsAsync(HttpContext http, ClaimsPrincipal principal)
    {
        var (honoured, clientId) = await _standing.CheckAsync(principal, http.RequestAborted);
        if (!honoured)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Auth.Bearer");
            AuthLog.ClientNoLongerStands(logger, clientId ?? "unknown", http.Request.Method, RequestLabel.Route(http));
        }

        return honoured;
    }

    // The same extraction JwtBearerHandler performs, so a cache hit sees exactly the token validation would have seen.
    private static string? BearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;
    }
}
