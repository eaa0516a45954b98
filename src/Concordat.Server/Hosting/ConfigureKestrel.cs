using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Hosting;

/// <summary>Kestrel settings: no <c>Server</c> header, and the default body limit for requests no endpoint matched.</summary>
internal sealed class ConfigureKestrel : IConfigureOptions<KestrelServerOptions>
{
    private readonly ConcordatOptions _options;

    public ConfigureKestrel(IOptions<ConcordatOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public void Configure(KestrelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddServerHeader = false;
        options.Limits.MaxRequestBodySize = _options.MaxRequestBodyBytes;
    }
}
