using Concordat.Core;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text;
using Concordat.Core.Keys;
using Concordat.Storage.Keys;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Auth;

/// <summary>
/// Keeps the token signing key in the data directory (<c>keys/token-signing.sealed</c>, a private JWK sealed under
/// the master key): generated on first start, reused afterwards so issued tokens stay valid across restarts.
/// A plain <c>token-signing.json</c> left by an older hub is sealed and removed on first start.
/// </summary>
internal static class SigningKeyStore
{
    public const string FileName = "token-signing.sealed";

    /// <summary>The sealing purpose, bound into the sealed blob.</summary>
    public const string Purpose = "concordat/token-signing";

    private const string LegacyFileName = "token-signing.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Loads the key from <paramref name="keysDirectory"/>, creating it first if absent.</summary>
    /// <returns>The key and whether it was created now.</returns>
    public static (TokenSigningKey Key, bool Created) LoadOrCreate(string keysDirectory, KeySealer sealer)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        ArgumentNullException.ThrowIfNull(sealer);
        OwnerOnlyFiles.CreateDirectory(keysDirectory);
        var path = Path.Combine(keysDirectory, FileName);
        var legacy = Path.Combine(keysDirectory, LegacyFileName);
        if (!File.Exists(path) && File.Exists(legacy))
        {
            using (var old = Parse(Encoding.UTF8.GetBytes(File.ReadAllText(legacy)), legacy))
            {
                SealedKeyFile.Write(path, sealer, Purpose, Encoding.UTF8.GetBytes(old.PrivateJwk().ToJsonString()));
            }

            File.Delete(legacy);
        }

        var (jwk, created) = SealedKeyFile.LoadOrCreate(path, sealer, Purpose, () =>
        {
            using var fresh = new TokenSigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
            return Encoding.UTF8.GetBytes(fresh.PrivateJwk().ToJsonString(Indented));
        });
        try
        {
            return (Parse(jwk, path), created);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(jwk);
        }
    }

    private static TokenSigningKey Parse(byte[] json, string path)
    {
        var jwk = ConcordatJson.ParseNode(json) as JsonObject
            ?? throw new InvalidDataException($"The signing key file {path} is not a JSON object.");
        string Member(string name) => jwk[name]?.GetValue<string>()
            ?? throw new InvalidDataException($"The signing key file {path} lacks '{name}'.");
        if (Member("kty") != "EC" || Member("crv") != "P-256")
        {
            throw new InvalidDataException($"The signing key file {path} does not hold a P-256 key.");
        }

        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Base64UrlEncoder.DecodeBytes(Member("d")),
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(Member("x")), Y = Base64UrlEncoder.DecodeBytes(Member("y")) },
        };
        return new TokenSigningKey(ECDsa.Create(parameters));
    }
}
