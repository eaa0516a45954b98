using Concordat.Server.Citizen;
using Concordat.Server.Citizen.DemoIdentity;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Concordat.Server.Staff;

/// <summary>
/// Configures the staff relying party from <see cref="StaffOptions"/>: the department's provider through its discovery
/// document, or else the hub's own demo provider in process. Code flow with PKCE, query response mode, no inbound claim
/// renaming, nonce and state checked by the handler, no tokens kept in the session.
/// </summary>
internal sealed class ConfigureStaffOidc : IConfigureNamedOptions<OpenIdConnectOptions>
{
    private readonly StaffOptions _options;
    private readonly ConcordatOptions _hub;
    private readonly IServiceProvider _services;

    public ConfigureStaffOidc(IOptions<StaffOptions> options, IOptions<ConcordatOptions> hub, IServiceProvider services)
    {
        _options = options.Value;
        _hub = hub.Value;
        _services = services;
    }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != StaffSchemes.OpenIdConnect)
        {
            return;
        }

        options.SignInScheme = StaffSchemes.Cookie;
        options.ClientId = _options.ClientId;
        options.ClientSecret = _options.ClientAuthentication == "client_secret_post" ? _options.ClientSecret : null;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.CallbackPath = StaffSchemes.CallbackPath;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = _options.UseUserInfo;
        options.Scope.Clear();
        foreach (var scope in _options.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            options.Scope.Add(scope);
        }

        options.TokenValidationParameters.NameClaimType = "name";
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Events.OnTokenValidated = context => StaffServiceCollectionExtensions.OnTokenValidatedAsync(context, _options);
        options.Events.OnRemoteFailure = StaffServiceCollectionExtensions.OnRemoteFailureAsync;
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            foreach (var (parameter, value) in _options.AuthorizationParameters)
            {
                context.ProtocolMessage.SetParameter(parameter, value);
            }

            return Task.CompletedTask;
        };
        if (_options.ClientAuthentication == "private_key_jwt")
        {
            options.Events.OnAuthorizationCodeReceived = async context =>
            {
                var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
                var key = context.HttpContext.RequestServices.GetRequiredService<StaffClientKey>();
                var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                context.TokenEndpointRequest!.ClientAssertionType = CitizenClientKey.AssertionType;
                context.TokenEndpointRequest.ClientAssertion = CitizenClientAssertion.Create(key.Key, _options.ClientId, configuration.TokenEndpoint, time.GetUtcNow());
            };
        }

        if (_options.Authority is { } authority)
        {
            options.Authority = authority.ToString();
            options.RequireHttpsMetadata = true;
        }
        else if (StaffServiceCollectionExtensions.DemoProviderOn(_options, _hub))
        {
            options.ConfigurationManager = _services.GetRequiredService<DemoIdentityConfiguration>();
        }
        else
        {
            // No provider: a sign-in attempt fails at the discovery step with a clear configuration error.
            options.Authority = "https://staff-sign-in-not-configured.invalid";
        }
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);
}
