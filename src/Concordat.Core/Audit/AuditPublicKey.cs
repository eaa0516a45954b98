using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concordat.Core.Audit;

/// <summary>
/// The public half of the checkpoint signing key: checks checkpoints offline. Published as a JWK (RFC 7517) with
/// <c>kid</c> its RFC 7638 thumbprint, so a verifier needs nothing but this small JSON file. Thread safe.
/// </summary>
public sealed class AuditPublicKey : IDisposable
{
    private readonly ECDsa _key;
    private readonly byte[] _x;
    private readonly byte[] _y;

    private AuditPublicKey(byte[] x, byte[] y)
    {
        _x = x;
        _y = y;
        _key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        var thumbprintInput = $$"""{"crv":"P-256","kty":"EC","x":"{{Base64Url.EncodeToString(x)}}","y":"{{Base64Url.EncodeToString(y)}}"}""";
        KeyId = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprintInput)));
    }

    /// <summary>The RFC 7638 JWK thumbprint (base64url of SHA-256), also the checkpoints' key id.</summary>
    public string KeyId { get; }

    /// <summary>Creates the public key from a P-256 point.</summary>
    internal static AuditPublicKey FromPoint(ECPoint point) => new(point.X!, point.Y!);

    /// <summary>Reads a public JWK (<c>kty</c> EC, <c>crv</c> P-256, <c>x</c>, <c>y</c>); a <c>kid</c>, if present, must match the thumbprint.</summary>
    public static Result<AuditPublicKey> FromJwk(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        static Error Bad(string message) => Error.Validation("audit_key.invalid", message);
        JsonObject? jwk;
        try
        {
            jwk = ConcordatJson.ParseNode(json) as JsonObject;
        }
        catch (JsonException)
        {
            return Bad("The public key is not JSON.");
        }

        if (jwk is null)
        {
            return Bad("The public key is not a JSON object (a JWK).");
        }

        string? Member(string name) => jwk[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (Member("kty") != "EC" || Member("crv") != "P-256")
        {
            return Bad("The public key is not an EC P-256 JWK.");
        }

        if (jwk.ContainsKey("d"))
        {
            return Bad("The file holds a private key; give the public key only.");
        }

        var x = Decode(Member("x"));
        var y = Decode(Member("y"));
        if (x is null || y is null)
        {
            return Bad("The public key's x and y are not base64url of 32 bytes.");
        }

        AuditPublicKey key;
        try
        {
            key = new AuditPublicKey(x, y);
        }
        catch (CryptographicException)
        {
            return Bad("The public key's point is not on the P-256 curve.");
        }

        if (Member("kid") is { } kid && kid != key.KeyId)
        {
            key.Dispose();
            return Bad("The public key's kid does not match its thumbprint.");
        }

        return key;
    }

    /// <summary>The public JWK as JSON: kty, crv, x, y, kid, alg ES256, use sig.</summary>
    public string ToJwk() => new JsonObject
    {
        ["kty"] = "EC",
        ["crv"] = "P-256",
        ["x"] = Base64Url.EncodeToString(_x),
        ["y"] = Base64Url.EncodeToString(_y),
        ["kid"] = KeyId,
        ["alg"] = "ES256",
        ["use"] = "sig",
    }.ToJsonString();

    /// <summary>Whether the checkpoint names this key and its signature over its body verifies.</summary>
    public bool Verify(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.KeyId != KeyId || checkpoint.Signature.Length != 64 || checkpoint.RootHash.Length != MerkleHashes.Size
            || !CheckpointBody.IsValidOrigin(checkpoint.Origin) || checkpoint.TreeSize < 0)
        {
            return false;
        }

        var body = Encoding.UTF8.GetBytes(checkpoint.Body());
        return _key.VerifyData(body, checkpoint.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Releases the key.</summary>
    public void Dispose() => _key.Dispose();

    private static byte[]? Decode(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var bytes = new byte[32];
        return Base64Url.IsValid(text) && Base64Url.DecodeFromChars(text, bytes) == 32 && text.Length == 43 ? bytes : null;
    }
}
