using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Concordat.Core.Federation;

/// <summary>
/// The SHA-256 thumbprint of a certificate as RFC 8705 section 3.1 defines <c>x5t#S256</c>: base64url (no padding) of
/// SHA-256 over the certificate's DER encoding. The one form Concordat uses for certificate thumbprints.
/// </summary>
public static class CertificateThumbprint
{
    /// <summary>The thumbprint of a certificate.</summary>
    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Of(certificate.RawDataMemory.Span);
    }

    /// <summary>The thumbprint of a DER certificate.</summary>
    public static string Of(ReadOnlySpan<byte> der) => Base64Url.EncodeToString(SHA256.HashData(der));
}
