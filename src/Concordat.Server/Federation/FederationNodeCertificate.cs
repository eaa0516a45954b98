using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Concordat.Core.Federation;
using Concordat.Core.Keys;
using Concordat.Storage.Federation;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>
/// This node's federation certificate (the PEM file the operator issued) joined to its private key (sealed under the
/// master key): the server certificate of the federation listener and the client certificate of calls to other
/// nodes. Checked on start: the certificate must certify the sealed key and name this node's organisation.
/// </summary>
public sealed class FederationNodeCertificate : IDisposable
{
    internal FederationNodeCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        Thumbprint = CertificateThumbprint.Of(certificate);
        SigningKey = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The node certificate has no ECDSA private key.");
    }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Its SHA-256 thumbprint (base64url), as listed in the federation configuration.</summary>
    public string Thumbprint { get; }

    /// <summary>
    /// The certificate's private key, for signing exchange and register messages. Made once: getting it from the
    /// certificate makes a new key object each time, a measurable cost on every forwarded request. Signing with one
    /// instance from many threads is safe (each signature takes its own OpenSSL context). Not to be disposed by callers.
    /// </summary>
    internal ECDsa SigningKey { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        SigningKey.Dispose();
        Certificate.Dispose();
    }

    /// <summary>The default certificate path: <c>federation/node.crt</c> in the data directory.</summary>
    internal static string PathOf(ConcordatOptions concordat, FederationOptions federation) =>
        string.IsNullOrWhiteSpace(federation.CertificatePath)
            ? Path.Combine(concordat.DataDirectoryPath, "federation", "node.crt")
            : Path.GetFullPath(federation.CertificatePath);

    internal static FederationNodeCertificate Load(IOptions<ConcordatOptions> concordat, IOptions<FederationOptions> federation, KeySealer sealer)
    {
        var path = PathOf(concordat.Value, federation.Value);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The federation node certificate {path} does not exist; install the certificate the federation's operator issued (docs/federation.md).");
        }

        using var key = FederationKeyFiles.LoadNodeKey(concordat.Value.KeysDirectoryPath, sealer);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
        using var certified = certificate.GetECDsaPublicKey();
        if (certified is null || !certified.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            throw new InvalidOperationException($"The federation node certificate {path} does not certify this node's key; it was issued for another request.");
        }

        if (!string.Equals(NodeIdentity.OrganisationOf(certificate), federation.Value.OrganisationId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The federation node certificate {path} does not name the organisation '{federation.Value.OrganisationId}'.");
        }

        // SslStream on Linux wants a certificate whose key it can use directly: join them and re-import as PKCS#12.
        using var joined = certificate.CopyWithPrivateKey(key);
        var pfx = joined.Export(X509ContentType.Pkcs12);
        try
        {
            return new FederationNodeCertificate(X509CertificateLoader.LoadPkcs12(pfx, null, X509KeyStorageFlags.EphemeralKeySet));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pfx);
        }
    }
}
