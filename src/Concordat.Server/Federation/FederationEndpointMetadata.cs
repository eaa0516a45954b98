namespace Concordat.Server.Federation;

/// <summary>Endpoint metadata: the endpoint serves other nodes and is reachable only on the federation listener.</summary>
internal sealed class FederationEndpointMetadata
{
    public static readonly FederationEndpointMetadata Instance = new();

    private FederationEndpointMetadata()
    {
    }
}
