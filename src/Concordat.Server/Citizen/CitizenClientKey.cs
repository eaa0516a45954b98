using Concordat.Server.Auth;

namespace Concordat.Server.Citizen;

/// <summary>
/// The key the hub signs <c>private_key_jwt</c> client assertions with at the citizen provider's token endpoint
/// (<c>keys/citizen-client.sealed</c>); its public half is published at <c>/citizen/jwks.json</c>.
/// </summary>
internal sealed class CitizenClientKey(TokenSigningKey key)
{
    public const string FileName = "citizen-client.sealed";

    public const string Purpose = "concordat/citizen-client";

    /// <summary>The RFC 7523 client assertion type.</summary>
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public TokenSigningKey Key { get; } = key;
}
