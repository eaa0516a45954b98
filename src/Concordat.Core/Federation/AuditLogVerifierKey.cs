using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Concordat.Core.Audit;

namespace Concordat.Core.Federation;

/// <summary>
/// A node's audit checkpoint key (ECDSA P-256) as a signed-note verifier key of type 0x02, named after the log's
/// origin, which is how the federation configuration and a witness policy's <c>log</c> lines name a log.
/// </summary>
public static class AuditLogVerifierKey
{
    /// <summary>The vkey of <paramref name="key"/> for the log <paramref name="origin"/>.</summary>
    public static NoteVerifierKey For(AuditPublicKey key, string origin)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var jwk = JsonDocument.Parse(key.ToJwk());
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = Base64Url.DecodeFromChars(jwk.RootElement.GetProperty("x").GetString()),
                Y = Base64Url.DecodeFromChars(jwk.RootElement.GetProperty("y").GetString()),
            },
        };
        using var ecdsa = ECDsa.Create(parameters);
        return NoteVerifierKey.ForEcdsa(origin, ecdsa.ExportSubjectPublicKeyInfo());
    }
}
