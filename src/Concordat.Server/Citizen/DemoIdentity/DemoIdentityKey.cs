using System.Security.Cryptography;
using Concordat.Core.Keys;
using Concordat.Server.Auth;
using Concordat.Storage.Keys;

namespace Concordat.Server.Citizen.DemoIdentity;

/// <summary>
/// The demo provider's own ES256 key, kept apart from the hub's access-token key in
/// <c>keys/demo-idp-signing.sealed</c> (PKCS#8, sealed under the master key): an ID token is never an access token.
/// </summary>
internal static class DemoIdentityKey
{
    public const string FileName = "demo-idp-signing.sealed";

    public const string Purpose = "concordat/demo-idp-signing";

    public static TokenSigningKey LoadOrCreate(string keysDirectory, KeySealer sealer) => LoadOrCreate(keysDirectory, sealer, FileName, Purpose);

    /// <summary>Loads or creates a sealed P-256 key under another name (the citizen client's assertion key).</summary>
    public static TokenSigningKey LoadOrCreate(string keysDirectory, KeySealer sealer, string fileName, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        ArgumentNullException.ThrowIfNull(sealer);
        OwnerOnlyFiles.CreateDirectory(keysDirectory);
        var (pkcs8, _) = SealedKeyFile.LoadOrCreate(Path.Combine(keysDirectory, fileName), sealer, purpose, () =>
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return fresh.ExportPkcs8PrivateKey();
        });
        try
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new TokenSigningKey(ecdsa);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
