using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Concordat.Core.Federation;

/// <summary>
/// Decides, under one configuration, whether a node certificate belongs to a current member: it must chain to one of
/// the configuration's certificate authorities, be valid at the time, name the organisation in its
/// <c>urn:concordat:org:</c> URI, be listed for that member, and not be revoked. Decisions are remembered per
/// certificate (the chain is built once) and re-checked against the clock. Thread safe.
/// </summary>
public sealed class FederationTrust : IDisposable
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const int MaxRemembered = 1024;

    private readonly X509Certificate2Collection _authorities = [];
    private readonly FrozenDictionary<string, FederationMember> _byThumbprint;
    private readonly FrozenSet<string> _revoked;
    private readonly ConcurrentDictionary<(string Thumbprint, bool Server), Result<FederationMember>> _decided = new();

    /// <summary>Builds the trust of a configuration.</summary>
    public FederationTrust(FederationConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        foreach (var der in configuration.CertificateAuthorities)
        {
            _authorities.Add(X509CertificateLoader.LoadCertificate(der.Span));
        }

        _byThumbprint = configuration.Members
            .SelectMany(m => m.Certificates.Select(t => (Thumbprint: t, Member: m)))
            .ToFrozenDictionary(p => p.Thumbprint, p => p.Member, StringComparer.Ordinal);
        _revoked = configuration.RevokedCertificates.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The configuration this trust decides under.</summary>
    public FederationConfiguration Configuration { get; }

    /// <summary>The member a calling node's (client) certificate belongs to, or why it is refused.</summary>
    public Result<FederationMember> AuthenticateClient(X509Certificate2 certificate, DateTimeOffset now) => Authenticate(certificate, now, server: false);

    /// <summary>
    /// Whether a called node's (server) certificate belongs to <paramref name="expectedOrganisation"/>: a certificate
    /// of another member is refused too, so a node cannot answer for another.
    /// </summary>
    public Result<FederationMember> AuthenticateServer(X509Certificate2 certificate, string expectedOrganisation, DateTimeOffset now)
    {
        var member = Authenticate(certificate, now, server: true);
        if (member.IsSuccess && !string.Equals(member.Value.OrganisationId, expectedOrganisation, StringComparison.Ordinal))
        {
            return Error.Forbidden("federation.wrong_member", $"The node answered with a certificate of '{member.Value.OrganisationId}', not '{expectedOrganisation}'.");
        }

        return member;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var authority in _authorities)
        {
            authority.Dispose();
        }
    }

    private Result<FederationMember> Authenticate(X509Certificate2 certificate, DateTimeOffset now, bool server)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var thumbprint = CertificateThumbprint.Of(certificate);
        if (_revoked.Contains(thumbprint))
        {
            return Error.Forbidden("federation.certificate_revoked", "The node certificate is revoked in the federation configuration.");
        }

        if (!_byThumbprint.TryGetValue(thumbprint, out var member))
        {
            return Error.Forbidden("federation.not_a_member", "The node certificate is not listed for any member of the federation.");
        }

        if (now < certificate.NotBefore.ToUniversalTime() || now >= certificate.NotAfter.ToUniversalTime())
        {
            return Error.Forbidden("federation.certificate_expired", "The node certificate is outside its validity period.");
        }

        if (_decided.TryGetValue((thumbprint, server), out var decided))
        {
            return decided;
        }

        decided = Decide(certificate, member, now, server);
        if (_decided.Count >= MaxRemembered)
        {
            _decided.Clear();
        }

        _decided[(thumbprint, server)] = decided;
        return decided;
    }

    private Result<FederationMember> Decide(X509Certificate2 certificate, FederationMember member, DateTimeOffset now, bool server)
    {
        if (!string.Equals(NodeIdentity.OrganisationOf(certificate), member.OrganisationId, StringComparison.Ordinal))
        {
            return Error.Forbidden("federation.certificate_mismatch", $"The node certificate does not name the organisation '{member.OrganisationId}' it is listed for.");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // Revocation is the configuration's revoked list, checked above; there is no CRL or OCSP to fetch (and so
        // no outage of one to stop traffic, X-Road's commonest failure).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(server ? ServerAuthentication : ClientAuthentication));
        return chain.Build(certificate)
            ? member
            : Error.Forbidden("federation.untrusted_certificate", "The node certificate does not chain to the federation's certificate authority.");
    }
}
