using System.Security.Cryptography.X509Certificates;
using Concordat.Core.Federation;

namespace Concordat.Core.Tests.Federation;

public sealed class FederationTrustTests : IDisposable
{
    private readonly FederationSamples _samples = new();

    [Fact]
    public void A_listed_certificate_of_the_federation_ca_authenticates_as_its_member()
    {
        using var trust = new FederationTrust(_samples.Configuration(1, null, "hmrc", "dwp"));
        var member = trust.AuthenticateClient(_samples.Node("dwp"), FederationSamples.Now.AddHours(1));
        Assert.True(member.IsSuccess, member.IsSuccess ? null : member.Errors[0].Message);
        Assert.Equal("dwp", member.Value.OrganisationId);
        Assert.Equal("dwp", NodeIdentity.OrganisationOf(_samples.Node("dwp")));
    }

    [Fact]
    public void A_certificate_of_the_federation_ca_that_is_not_listed_is_refused()
    {
        using var trust = new FederationTrust(_samples.Configuration(1, null, "hmrc"));
        using var unlisted = FederationSamples.Issue(_samples.Authority, "dvla");
        Assert.Equal("federation.not_a_member", trust.AuthenticateClient(unlisted, FederationSamples.Now).Errors[0].Code);
    }

    [Fact]
    public void A_revoked_certificate_is_refused_even_though_it_chains()
    {
        var first = _samples.Configuration(1, null, "hmrc", "dwp");
        var revokedThumbprint = first.Members[1].Certificates[0];
        var second = first with { Version = 2, Members = [first.Members[0]], RevokedCertificates = [revokedThumbprint] };
        using var trust = new FederationTrust(second);
        Assert.Equal("federation.certificate_revoked", trust.AuthenticateClient(_samples.Node("dwp"), FederationSamples.Now).Errors[0].Code);
    }

    [Fact]
    public void A_listed_certificate_from_another_ca_is_refused()
    {
        using var rogueAuthority = FederationCertificateAuthority.Create("rogue", FederationSamples.Now, TimeSpan.FromDays(10));
        using var rogue = FederationSamples.Issue(rogueAuthority, "hmrc");
        var configuration = _samples.Configuration(1, null, "hmrc");
        var listed = configuration with { Members = [FederationSamples.Member("hmrc", rogue)] };
        using var trust = new FederationTrust(listed);
        Assert.Equal("federation.untrusted_certificate", trust.AuthenticateClient(rogue, FederationSamples.Now).Errors[0].Code);
    }

    [Fact]
    public void A_certificate_listed_under_another_organisation_than_it_names_is_refused()
    {
        var configuration = _samples.Configuration(1, null, "hmrc");
        var crossed = configuration with { Members = [FederationSamples.Member("dwp", _samples.Node("hmrc"))] };
        using var trust = new FederationTrust(crossed);
        Assert.Equal("federation.certificate_mismatch", trust.AuthenticateClient(_samples.Node("hmrc"), FederationSamples.Now).Errors[0].Code);
    }

    [Fact]
    public void A_certificate_outside_its_validity_is_refused()
    {
        using var trust = new FederationTrust(_samples.Configuration(1, null, "hmrc"));
        Assert.Equal("federation.certificate_expired", trust.AuthenticateClient(_samples.Node("hmrc"), FederationSamples.Now.AddDays(91)).Errors[0].Code);
    }

    [Fact]
    public void A_server_must_answer_with_the_certificate_of_the_member_called()
    {
        using var trust = new FederationTrust(_samples.Configuration(1, null, "hmrc", "dwp"));
        Assert.True(trust.AuthenticateServer(_samples.Node("hmrc"), "hmrc", FederationSamples.Now).IsSuccess);
        Assert.Equal("federation.wrong_member", trust.AuthenticateServer(_samples.Node("dwp"), "hmrc", FederationSamples.Now).Errors[0].Code);
    }

    [Fact]
    public void The_issued_certificate_has_the_profile_mutual_tls_needs()
    {
        var node = _samples.Node("hmrc");
        Assert.False(node.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        var usages = node.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToList();
        Assert.Contains("1.3.6.1.5.5.7.3.1", usages);
        Assert.Contains("1.3.6.1.5.5.7.3.2", usages);
        var san = node.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", san.EnumerateDnsNames());
        Assert.Equal(_samples.Authority.SubjectName.Name, node.IssuerName.Name);
    }

    [Fact]
    public void A_certificate_request_with_a_bad_signature_is_refused()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var pem = NodeCertificateRequest.Create(key, "hmrc", ["localhost"], []);
        var der = System.Security.Cryptography.PemEncoding.Find(pem);
        var bytes = Convert.FromBase64String(pem[der.Base64Data]);
        bytes[^5] ^= 0x01;
        var tampered = System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE REQUEST", bytes);
        Assert.True(NodeCertificateRequest.Parse(pem).IsSuccess);
        Assert.Equal("hmrc", NodeCertificateRequest.Parse(pem).Value.OrganisationId);
        Assert.False(NodeCertificateRequest.Parse(tampered).IsSuccess);
    }

    public void Dispose() => _samples.Dispose();
}
