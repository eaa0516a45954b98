using Concordat.Server.Auth;

namespace Concordat.Server.Staff;

/// <summary>
/// The key the hub signs <c>private_key_jwt</c> client assertions with at the staff provider's token endpoint
/// (<c>keys/staff-client.sealed</c>); its public half is published at <c>/staff/jwks.json</c>.
/// </summary>
internal sealed class StaffClientKey(TokenSigningKey key)
{
    public const string FileName = "staff-client.sealed";

    public const string Purpose = "concordat/staff-client";

    public TokenSigningKey Key { get; } = key;
}
