using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Concordat.Core.Federation;

/// <summary>
/// A node's PKCS#10 certificate request (PEM): the node makes its own key and sends only the request to the
/// federation's operator, so the private key never leaves the department. Thread safe.
/// </summary>
/// <param name="OrganisationId">The organisation the request names.</param>
/// <param name="DnsNames">The DNS names it asks for.</param>
/// <param name="Addresses">The IP addresses it asks for.</param>
/// <param name="PublicKey">The key to certify.</param>
public sealed record NodeCertificateRequest(string OrganisationId, IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses, PublicKey PublicKey)
{
    /// <summary>Makes a request (PEM) signed by <paramref name="key"/>.</summary>
    public static string Create(ECDsa key, string organisationId, IReadOnlyCollection<string> dnsNames, IReadOnlyCollection<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(addresses);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(NodeIdentity.UriOf(organisationId)));
        foreach (var dns in dnsNames)
        {
            san.AddDnsName(dns);
        }

        foreach (var address in addresses)
        {
            san.AddIpAddress(address);
        }

        var name = new X500DistinguishedNameBuilder();
        name.AddOrganizationName(organisationId);
        name.AddCommonName(organisationId + " federation node");
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(san.Build(critical: false));
        return request.CreateSigningRequestPem();
    }

    /// <summary>Reads a request and checks its self-signature (proof that the sender holds the key) and the names it asks for.</summary>
    public static Result<NodeCertificateRequest> Parse(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        static Error Bad(string message) => Error.Validation("certificate_request.invalid", message);
        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return Bad("The file is not a PEM certificate request with a valid signature.");
        }

        // The extensions are read (the names asked for), never copied: the issued certificate gets only what the CA sets.
        using (var key = request.PublicKey.Oid.Value == "1.2.840.10045.2.1" ? request.PublicKey.GetECDsaPublicKey() : null)
        {
            if (key is null || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                return Bad("A node's key must be ECDSA on P-256.");
            }
        }

        var organisation = NodeIdentity.OrganisationOf(request.CertificateExtensions);
        if (organisation is null)
        {
            return Bad($"The request names no organisation (one subject alternative name {NodeIdentity.UriPrefix}<id>).");
        }

        var san = request.CertificateExtensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var dns = san?.EnumerateDnsNames().ToList() ?? [];
        var addresses = san?.EnumerateIPAddresses().ToList() ?? [];
        if (dns.Count + addresses.Count == 0)
        {
            return Bad("The request names no DNS name or IP address for the node.");
        }

        return new NodeCertificateRequest(organisation, dns, addresses, request.PublicKey);
    }
}
