using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Concordat.Core.Federation;

/// <summary>
/// The federation's certificate authority: a self-signed ECDSA P-256 CA certificate (path length 0, so it can sign
/// only node certificates) and the node certificates it issues. A node certificate names its organisation in the
/// subject alternative name URI <c>urn:concordat:org:&lt;id&gt;</c> with the node's DNS names and IP addresses, and serves
/// both ends of mutual TLS (server and client authentication). Thread safe: every method builds what it returns.
/// </summary>
public static class FederationCertificateAuthority
{
    /// <summary>Longest life of a node certificate (as the CA/Browser Forum's limit for TLS server certificates).</summary>
    public static readonly TimeSpan MaxNodeValidity = TimeSpan.FromDays(397);

    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    /// <summary>Creates a CA: a new P-256 key and its self-signed certificate.</summary>
    public static X509Certificate2 Create(string federation, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrEmpty(federation);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddOrganizationName("Concordat federation " + federation);
        name.AddCommonName(federation + " certificate authority");
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now - Backdate, now + validity);
    }

    /// <summary>
    /// Issues a node certificate for <paramref name="subjectKey"/> naming <paramref name="organisationId"/> and the node's
    /// addresses; it ends no later than the CA does.
    /// </summary>
    /// <param name="authority">The CA certificate with its private key.</param>
    /// <param name="subjectKey">The node's public key (from its certificate request).</param>
    /// <param name="organisationId">The member organisation the node acts for.</param>
    /// <param name="dnsNames">The node's DNS names.</param>
    /// <param name="addresses">The node's IP addresses.</param>
    /// <param name="now">The issue time.</param>
    /// <param name="validity">How long the certificate lives, at most <see cref="MaxNodeValidity"/>.</param>
    public static X509Certificate2 IssueNode(X509Certificate2 authority, PublicKey subjectKey, string organisationId, IReadOnlyCollection<string> dnsNames, IReadOnlyCollection<IPAddress> addresses, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(subjectKey);
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(addresses);
        if (validity <= TimeSpan.Zero || validity > MaxNodeValidity)
        {
            throw new ArgumentOutOfRangeException(nameof(validity), $"A node certificate lives at most {MaxNodeValidity.TotalDays} days.");
        }

        if (dnsNames.Count + addresses.Count == 0)
        {
            throw new ArgumentException("A node certificate names at least one DNS name or IP address.", nameof(dnsNames));
        }

        using var caKey = authority.GetECDsaPrivateKey() ?? throw new ArgumentException("The CA certificate carries no ECDSA private key.", nameof(authority));
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
        var request = new CertificateRequest(name.Build(), subjectKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var notAfter = now + validity < authority.NotAfter ? now + validity : new DateTimeOffset(authority.NotAfter.ToUniversalTime());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var generator = X509SignatureGenerator.CreateForECDsa(caKey);
        return request.Create(authority.SubjectName, generator, now - Backdate, notAfter, serial);
    }
}
