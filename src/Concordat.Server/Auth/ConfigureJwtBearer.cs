using Concordat.Server.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
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
    private readonly VerifiedSignatureCache _signatures;
    private readonly ConcordatOptions _options;
    private readonly TimeProvider _time;

    public ConfigureJwtBearer(TokenSigningKey key, VerifiedSignatureCache signatures, IOptions<ConcordatOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = key;
        _signatures = signatures;
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

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is null || (notBefore is not null && notBefore > expires))
        {
            return false;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        return (notBefore is null || notBefore.Value <= now + ClockSkew) && expires.Value >= now - ClockSkew;
    }

    public void Configure(JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = false;
        options.IncludeErrorDetails = false;
        options.TimeProvider = _time;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = ConcordatClaims.Audience,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [ConcordatClaims.TokenType],
            IssuerSigningKey = _key.SecurityKey,
            // A token presented again skips the ECDSA verification it already passed; every other check still runs.
            CryptoProviderFactory = _signatures,
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
            OnAuthenticationFailed = context =>
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Auth.Bearer");
                AuthLog.BearerRejected(logger, context.Exception.GetType().Name, context.Request.Method, RequestLabel.Route(context.HttpContext), RequestLabel.RemoteAddress(context.HttpContext));
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
}
