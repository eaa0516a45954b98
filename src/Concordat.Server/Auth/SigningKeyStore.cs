using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Server.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Auth;

/// <summary>
/// Keeps the token signing key in the data directory (<c>keys/token-signing.json</c>, a private JWK): generated on
/// first start, reused afterwards so issued tokens stay valid across restarts.
/// </summary>
internal static class SigningKeyStore
{
    public const string FileName = "token-signing.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Loads the key from <paramref name="keysDirectory"/>, creating it first if absent.</summary>
    /// <returns>The key and whether it was created now.</returns>
    public static (TokenSigningKey Key, bool Created) LoadOrCreate(string keysDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        OwnerOnlyFiles.CreateDirectory(keysDirectory);
        var path = Path.Combine(keysDirectory, FileName);
        if (File.Exists(path))
        {
            return (Load(path), false);
        }

        var key = new TokenSigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        if (OwnerOnlyFiles.WriteIfAbsent(path, key.PrivateJwk().ToJsonString(Indented)))
        {
            return (key, true);
        }

        // Another process created the key between our check and our write: use theirs.
        key.Dispose();
        return (Load(path), false);
    }

    private static TokenSigningKey Load(string path)
    {
        var jwk = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
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
