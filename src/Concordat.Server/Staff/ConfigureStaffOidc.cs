using Concordat.Server.Auth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Staff;

/// <summary>
/// Configures the staff relying party from <see cref="StaffOptions"/>: the department's provider through its discovery
/// document, or else the hub's own demo provider in process. The protections are
/// <see cref="RelyingPartyOidc"/>'s, shared with the other relying party.
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

        var party = new RelyingParty(
            StaffSchemes.Cookie,
            StaffSchemes.CallbackPath,
            _options.ClientId,
            _options.ClientAuthentication,
            _options.ClientSecret,
            _options.Scopes,
            _options.UseUserInfo,
            _options.AuthorizationParameters,
            _options.Authority,
            StaffServiceCollectionExtensions.DemoProviderOn(_options, _hub),
            "https://staff-sign-in-not-configured.invalid",
            services => services.GetRequiredService<StaffClientKey>().Key,
            context => StaffServiceCollectionExtensions.OnTokenValidatedAsync(context, _options),
            StaffServiceCollectionExtensions.OnRemoteFailureAsync);
        RelyingPartyOidc.Apply(options, party, _services);
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);
}
