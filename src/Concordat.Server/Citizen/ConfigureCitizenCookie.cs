using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Citizen;

/// <summary>Applies <see cref="CitizenOptions.SessionLifetime"/> to the citizen cookie.</summary>
internal sealed class ConfigureCitizenCookie : IConfigureNamedOptions<CookieAuthenticationOptions>
{
    private readonly CitizenOptions _options;

    public ConfigureCitizenCookie(IOptions<CitizenOptions> options) => _options = options.Value;

    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        if (name == CitizenSchemes.Cookie)
        {
            options.ExpireTimeSpan = _options.SessionLifetime;
        }
    }

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
}
