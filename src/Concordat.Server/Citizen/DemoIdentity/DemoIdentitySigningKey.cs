using Concordat.Server.Auth;

namespace Concordat.Server.Citizen.DemoIdentity;

/// <summary>The demo provider's signing key as a service, so it is not confused with the hub's token key.</summary>
internal sealed class DemoIdentitySigningKey(TokenSigningKey key)
{
    public TokenSigningKey Key { get; } = key;
}
