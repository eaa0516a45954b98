using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Concordat.Server.Auth;

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

    /// <summary>The demo provider's issuer for a request: its own address plus <c>/demo-idp</c>.</summary>
    public static string IssuerFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{DemoIdentityEndpoints.Prefix}";
    }

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
