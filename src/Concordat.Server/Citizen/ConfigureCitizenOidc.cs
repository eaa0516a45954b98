using Concordat.Server.Auth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Citizen;

/// <summary>
/// Configures the citizen relying party from <see cref="CitizenOptions"/>: a configured authority (such as GOV.UK
/// One Login) through its discovery document, or else the hub's own demo provider in process. Code flow with
/// PKCE, query response mode, no inbound claim renaming, nonce and state checked by the handler.
/// </summary>
internal sealed class ConfigureCitizenOidc : IConfigureNamedOptions<OpenIdConnectOptions>
{
    private readonly CitizenOptions _options;
    private readonly ConcordatOptions _hub;
    private readonly IServiceProvider _services;

    public ConfigureCitizenOidc(IOptions<CitizenOptions> options, IOptions<ConcordatOptions> hub, IServiceProvider services)
    {
        _options = options.Value;
        _hub = hub.Value;
        _services = services;
    }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != CitizenSchemes.OpenIdConnect)
        {
            return;
        }

        var party = new RelyingParty(
            CitizenSchemes.Cookie,
            CitizenSchemes.CallbackPath,
            _options.ClientId,
            _options.ClientAuthentication,
            _options.ClientSecret,
            _options.Scopes,
            _options.UseUserInfo,
            _options.AuthorizationParameters,
            _options.Authority,
            CitizenServiceCollectionExtensions.DemoProviderOn(_options, _hub),
            "https://citizen-sign-in-not-configured.invalid",
            services => services.GetRequiredService<CitizenClientKey>().Key,
            context => CitizenServiceCollectionExtensions.OnTokenValidatedAsync(context, _options),
            CitizenServiceCollectionExtensions.OnRemoteFailureAsync);
        RelyingPartyOidc.Apply(options, party, _services);
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);
}
