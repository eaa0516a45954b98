using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Citizen.DemoIdentity;

/// <summary>
/// Gives the citizen relying party the demo provider's metadata in process instead of fetching its discovery
/// document: the same issuer, endpoints and key the discovery document publishes, addressed at the host the
/// citizen's browser used (the demo provider lives inside the hub, whose port tests do not know in advance).
/// </summary>
internal sealed class DemoIdentityConfiguration : IConfigurationManager<OpenIdConnectConfiguration>
{
    private readonly IHttpContextAccessor _http;
    private readonly DemoIdentitySigningKey _key;

    public DemoIdentityConfiguration(IHttpContextAccessor http, DemoIdentitySigningKey key)
    {
        _http = http;
        _key = key;
    }

    /// <summary>
    /// The demo provider's issuer for a request: the hub's own address plus <c>/demo-idp</c>. The request's address
    /// is used when it is loopback or the configured public address (or none is configured); any other Host header
    /// gets the public address, so a forged Host cannot make the relying party send codes elsewhere.
    /// </summary>
    public static string IssuerFor(HttpRequest request) => BaseFor(request) + DemoIdentityEndpoints.Prefix;

    /// <summary>The hub's base address for a request, chosen as <see cref="IssuerFor"/> explains.</summary>
    public static string BaseFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var own = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var publicBase = request.HttpContext.RequestServices.GetRequiredService<IOptions<ConcordatOptions>>().Value.PublicBaseUrl;
        if (publicBase is null || IsLoopback(request.Host.Host) || string.Equals(publicBase.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return own;
        }

        return publicBase.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var request = _http.HttpContext?.Request ?? throw new InvalidOperationException("The demo provider's metadata is only available during a request.");
        var issuer = IssuerFor(request);
        var configuration = new OpenIdConnectConfiguration
        {
            Issuer = issuer,
            AuthorizationEndpoint = issuer + "/authorize",
            TokenEndpoint = issuer + "/token",
            JwksUri = issuer + "/jwks",
        };
        configuration.SigningKeys.Add(_key.Key.SecurityKey);
        configuration.IdTokenSigningAlgValuesSupported.Add(SecurityAlgorithms.EcdsaSha256);
        configuration.CodeChallengeMethodsSupported.Add("S256");
        return Task.FromResult(configuration);
    }

    public void RequestRefresh()
    {
    }
}
