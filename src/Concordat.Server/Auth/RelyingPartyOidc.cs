using Concordat.Server.Citizen;
using Concordat.Server.Citizen.DemoIdentity;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Concordat.Server.Auth;

/// <summary>
/// The one place the hub's OpenID Connect relying parties are configured, so staff and citizen sign-in keep the same
/// protections: code flow with PKCE, query response mode, no inbound claim renaming, nonce and state checked by the
/// handler, no tokens kept in the session, Lax correlation and nonce cookies, and HTTPS metadata for a real provider.
/// </summary>
internal static class RelyingPartyOidc
{
    /// <summary>Applies <paramref name="party"/> to the handler's <paramref name="options"/>.</summary>
    public static void Apply(OpenIdConnectOptions options, RelyingParty party, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(party);
        options.SignInScheme = party.SignInScheme;
        options.ClientId = party.ClientId;
        options.ClientSecret = party.ClientAuthentication == "client_secret_post" ? party.ClientSecret : null;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.CallbackPath = party.CallbackPath;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = party.UseUserInfo;
        options.Scope.Clear();
        foreach (var scope in party.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            options.Scope.Add(scope);
        }

        options.TokenValidationParameters.NameClaimType = "name";
        // The correlation and nonce cookies come back on a top-level GET redirect (query response mode), so Lax is
        // enough; Secure follows the request so the demo works on plain-HTTP loopback.
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Events.OnTokenValidated = party.OnTokenValidated;
        options.Events.OnRemoteFailure = party.OnRemoteFailure;
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            foreach (var (parameter, value) in party.AuthorizationParameters)
            {
                context.ProtocolMessage.SetParameter(parameter, value);
            }

            return Task.CompletedTask;
        };
        if (party.ClientAuthentication == "private_key_jwt")
        {
            options.Events.OnAuthorizationCodeReceived = async context =>
            {
                var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
                var key = party.ClientKey(context.HttpContext.RequestServices);
                var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                context.TokenEndpointRequest!.ClientAssertionType = CitizenClientKey.AssertionType;
                context.TokenEndpointRequest.ClientAssertion = CitizenClientAssertion.Create(key, party.ClientId, configuration.TokenEndpoint, time.GetUtcNow());
            };
        }

        if (party.Authority is { } authority)
        {
            options.Authority = authority.ToString();
            options.RequireHttpsMetadata = true;
        }
        else if (party.DemoProvider)
        {
            options.ConfigurationManager = services.GetRequiredService<DemoIdentityConfiguration>();
        }
        else
        {
            // No provider: a sign-in attempt fails at the discovery step with a clear configuration error.
            options.Authority = party.NotConfiguredAuthority;
        }
    }
}
