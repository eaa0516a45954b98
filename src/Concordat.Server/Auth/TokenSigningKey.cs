using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Auth;

/// <summary>
/// The hub's ES256 (ECDSA P-256) access-token signing key. Thread safe: the key is only read after construction.
/// The key id is the RFC 7638 JWK thumbprint of the public key.
/// </summary>
public sealed class TokenSigningKey : IDisposable
{
    private readonly ECDsa _ecdsa;

    /// <summary>Wraps a P-256 key pair.</summary>
    public TokenSigningKey(ECDsa ecdsa)
    {
        ArgumentNullException.ThrowIfNull(ecdsa);
        _ecdsa = ecdsa;
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new ArgumentException("The token signing key must be on curve P-256.", nameof(ecdsa));
        }

        X = Base64UrlEncoder.Encode(parameters.Q.X);
        Y = Base64UrlEncoder.Encode(parameters.Q.Y);
        // RFC 7638: members in lexicographic order, no whitespace.
        var thumbprintInput = $$"""{"crv":"P-256","kty":"EC","x":"{{X}}","y":"{{Y}}"}""";
        KeyId = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprintInput)));
        SecurityKey = new ECDsaSecurityKey(ecdsa) { KeyId = KeyId };
    }

    /// <summary>The key id (<c>kid</c>).</summary>
    public string KeyId { get; }

    /// <summary>Public x coordinate, base64url.</summary>
    public string X { get; }

    /// <summary>Public y coordinate, base64url.</summary>
    public string Y { get; }

    /// <summary>The key for signing and validating tokens.</summary>
    public ECDsaSecurityKey SecurityKey { get; }

    /// <summary>Credentials for minting ES256 tokens.</summary>
    public SigningCredentials SigningCredentials => new(SecurityKey, SecurityAlgorithms.EcdsaSha256);

    /// <summary>The public key as a JSON Web Key (RFC 7517), without the private part.</summary>
    public JsonObject PublicJwk() => new()
    {
        ["kty"] = "EC",
        ["crv"] = "P-256",
        ["x"] = X,
        ["y"] = Y,
        ["kid"] = KeyId,
        ["use"] = "sig",
        ["alg"] = "ES256",
    };

    /// <summary>The private key as a JSON Web Key, for the key file only.</summary>
    internal JsonObject PrivateJwk()
    {
        var parameters = _ecdsa.ExportParameters(includePrivateParameters: true);
        var jwk = PublicJwk();
        jwk["d"] = Base64UrlEncoder.Encode(parameters.D);
        return jwk;
    }

    /// <inheritdoc />
    public void Dispose() => _ecdsa.Dispose();
}
