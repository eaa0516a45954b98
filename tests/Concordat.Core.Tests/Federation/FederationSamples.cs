using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Concordat.Core.Federation;

namespace Concordat.Core.Tests.Federation;

/// <summary>A federation made in memory: a CA, node keys and certificates, and a configuration listing them.</summary>
internal sealed class FederationSamples : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, X509Certificate2> _nodes = new(StringComparer.Ordinal);

    public FederationSamples(string name = "fed.example")
    {
        Signer = NoteSigner.Generate(name);
        Authority = FederationCertificateAuthority.Create(name, Now, TimeSpan.FromDays(3650));
    }

    public NoteSigner Signer { get; }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Node(string organisation)
    {
        if (!_nodes.TryGetValue(organisation, out var node))
        {
            node = Issue(Authority, organisation);
            _nodes.Add(organisation, node);
        }

        return node;
    }

    public static X509Certificate2 Issue(X509Certificate2 authority, string organisation, DateTimeOffset? at = null, TimeSpan? validity = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = NodeCertificateRequest.Parse(NodeCertificateRequest.Create(key, organisation, ["localhost"], [IPAddress.Loopback])).Value;
        using var issued = FederationCertificateAuthority.IssueNode(authority, request.PublicKey, organisation, request.DnsNames, request.Addresses, at ?? Now, validity ?? TimeSpan.FromDays(90));
        return issued.CopyWithPrivateKey(key);
    }

    public static FederationMember Member(string organisation, X509Certificate2 certificate, int port = 443)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var origin = organisation + ".concordat/audit";
        return new FederationMember(organisation, organisation.ToUpperInvariant() + " department", new Uri($"https://{organisation}.example:{port}/"),
            [CertificateThumbprint.Of(certificate)], new FederationAuditLog(origin, NoteVerifierKey.ForEcdsa(origin, key.ExportSubjectPublicKeyInfo())));
    }

    public FederationConfiguration Configuration(long version = 1, IReadOnlyList<string>? revoked = null, params string[] organisations) =>
        new(Signer.Name, version, Now, Now.AddDays(7), TimeSpan.FromDays(3), [Authority.RawDataMemory.ToArray()],
            organisations.Select(o => Member(o, Node(o))).ToList(), revoked ?? [], WitnessPolicy.NoWitnesses);

    public void Dispose()
    {
        Signer.Dispose();
        Authority.Dispose();
        foreach (var node in _nodes.Values)
        {
            node.Dispose();
        }
    }
}
