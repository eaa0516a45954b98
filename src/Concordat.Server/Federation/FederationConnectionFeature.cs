namespace Concordat.Server.Federation;

/// <summary>Marks a connection accepted on the federation listener (set by connection middleware before TLS).</summary>
internal sealed class FederationConnectionFeature
{
    public static readonly FederationConnectionFeature Instance = new();

    private FederationConnectionFeature()
    {
    }

    /// <summary>Whether the request arrived on the federation listener.</summary>
    public static bool IsOn(HttpContext context) => context.Features.Get<FederationConnectionFeature>() is not null;
}
