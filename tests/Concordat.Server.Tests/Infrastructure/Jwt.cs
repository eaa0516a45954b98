using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Storage.Keys;

namespace Concordat.Server.Tests.Infrastructure;

/// <summary>Builds JWTs by hand, so tests control every header and claim an attacker could.</summary>
public static class Jwt
{
    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    public static JsonObject Part(string token, int index) => (JsonObject)JsonNode.Parse(Decode(token.Split('.')[index]))!;

    public static string Unsigned(JsonObject header, JsonObject payload) =>
        Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));

    public static string SignEs256(JsonObject header, JsonObject payload, ECDsa key)
    {
        var input = Unsigned(header, payload);
        return input + "." + Encode(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
    }

    public static string SignHs256(JsonObject header, JsonObject payload, byte[] secret)
    {
        var input = Unsigned(header, payload);
        return input + "." + Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>Loads the hub's own signing key from its data directory (what only the hub should hold).</summary>
    public static (ECDsa Key, string KeyId) HubKey(string dataDirectory)
    {
        var keys = Path.Combine(dataDirectory, "keys");
        var (sealer, _, _) = MasterKeyFile.LoadOrCreate(keys, environmentValue: null);
        using var _ = sealer;
        var jwk = (JsonObject)JsonNode.Parse(SealedKeyFile.Load(Path.Combine(keys, "token-signing.sealed"), sealer, "concordat/token-signing"))!;
        var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Decode((string)jwk["d"]!),
            Q = new ECPoint { X = Decode((string)jwk["x"]!), Y = Decode((string)jwk["y"]!) },
        });
        return (key, (string)jwk["kid"]!);
    }

    public static JsonObject Header(string kid, string alg = "ES256", string? typ = "at+jwt")
    {
        var header = new JsonObject { ["alg"] = alg, ["kid"] = kid };
        if (typ is not null)
        {
            header["typ"] = typ;
        }

        return header;
    }

    /// <summary>The claims the hub mints for hub-admin, valid now.</summary>
    public static JsonObject AdminClaims(DateTimeOffset now, string issuer = "urn:concordat:hub", string audience = "concordat-api") => new()
    {
        ["iss"] = issuer,
        ["aud"] = audience,
        ["sub"] = "hub-admin",
        ["client_id"] = "hub-admin",
        ["org"] = "concordat-hub",
        ["roles"] = new JsonArray("admin"),
        ["iat"] = now.ToUnixTimeSeconds(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(15).ToUnixTimeSeconds(),
        ["jti"] = Guid.NewGuid().ToString("N"),
    };
}
