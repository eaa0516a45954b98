using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>
/// Opens the federation listener (mutual TLS, <see cref="FederationHandshake"/>) on its own port. Kestrel binds only
/// the endpoints configured in code once any is, so the public API's addresses (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, default <c>http://localhost:5000</c>) are bound here too, the
/// way Kestrel would have bound them.
/// </summary>
internal sealed class ConfigureFederationKestrel : IConfigureOptions<KestrelServerOptions>
{
    private readonly FederationOptions _options;
    private readonly IConfiguration _configuration;
    private readonly IServiceProvider _services;

    public ConfigureFederationKestrel(IOptions<FederationOptions> options, IConfiguration configuration, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _configuration = configuration;
        _services = services;
    }

    public void Configure(KestrelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_options.Enabled || !IPEndPoint.TryParse(_options.ListenEndpoint ?? string.Empty, out var endpoint))
        {
            return;
        }

        foreach (var url in PublicUrls(_configuration))
        {
            BindPublic(options, url);
        }

        options.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.Use(next => connection =>
            {
                connection.Features.Set(FederationConnectionFeature.Instance);
                return next(connection);
            });
            var handshake = _services.GetRequiredService<FederationHandshake>();
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = handshake.OnConnectionAsync,
                HandshakeTimeout = TimeSpan.FromSeconds(10),
            });
        });
    }

    /// <summary>The public API's addresses as Kestrel reads them: <c>urls</c>, else <c>http_ports</c>/<c>https_ports</c>, else its default.</summary>
    internal static IReadOnlyList<string> PublicUrls(IConfiguration configuration)
    {
        static string[] Split(string? value) => (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var urls = Split(configuration["urls"]);
        if (urls.Length > 0)
        {
            return urls;
        }

        var ports = Split(configuration["http_ports"]).Select(p => $"http://*:{p}")
            .Concat(Split(configuration["https_ports"]).Select(p => $"https://*:{p}"))
            .ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    private static void BindPublic(KestrelServerOptions options, string url)
    {
        var address = BindingAddress.Parse(url);
        Action<ListenOptions> configure = address.Scheme == Uri.UriSchemeHttps ? listen => listen.UseHttps() : _ => { };
        if (address.IsUnixPipe)
        {
            options.ListenUnixSocket(address.UnixPipePath, configure);
        }
        else if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            options.ListenLocalhost(address.Port, configure);
        }
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
        {
            options.Listen(ip, address.Port, configure);
        }
        else
        {
            options.ListenAnyIP(address.Port, configure);
        }
    }
}
