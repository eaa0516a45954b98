using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Staff;

/// <summary>Applies <see cref="StaffOptions.IdleTimeout"/> to the staff cookie.</summary>
internal sealed class ConfigureStaffCookie : IConfigureNamedOptions<CookieAuthenticationOptions>
{
    private readonly StaffOptions _options;

    public ConfigureStaffCookie(IOptions<StaffOptions> options) => _options = options.Value;

    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        if (name == StaffSchemes.Cookie)
        {
            options.ExpireTimeSpan = _options.IdleTimeout;
        }
    }

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
}
