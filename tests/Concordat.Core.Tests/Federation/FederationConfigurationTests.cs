using System.Text;
using System.Text.Json.Nodes;
using Concordat.Core.Federation;

namespace Concordat.Core.Tests.Federation;

public sealed class FederationConfigurationTests : IDisposable
{
    private readonly FederationSamples _samples = new();

    [Fact]
    public void A_signed_configuration_opens_with_the_pinned_key_and_reads_back_as_written()
    {
        var configuration = _samples.Configuration(3, null, "hmrc", "dwp");
        var note = FederationConfigurationNote.Sign(configuration, _samples.Signer);
        var opened = FederationConfigurationNote.Open(note, _samples.Signer.VerifierKey);
        Assert.True(opened.IsSuccess, opened.IsSuccess ? null : opened.Errors[0].Message);
        var read = opened.Value;
        Assert.Equal(3, read.Version);
        Assert.Equal(configuration.IssuedAt, read.IssuedAt);
        Assert.Equal(configuration.ExpiresAt, read.ExpiresAt);
        Assert.Equal(TimeSpan.FromDays(3), read.GracePeriod);
        Assert.Equal(["hmrc", "dwp"], read.Members.Select(m => m.OrganisationId));
        Assert.Equal(configuration.Members[0].Certificates, read.Members[0].Certificates);
        Assert.Equal(configuration.Members[0].AuditLog.Key, read.Members[0].AuditLog.Key);
        Assert.Equal(FederationConfigurationJson.Format(configuration), FederationConfigurationJson.Format(read));
    }

    [Fact]
    public void The_configuration_text_is_plain_json_with_the_grace_period_as_an_iso_8601_duration()
    {
        var text = FederationConfigurationJson.Format(_samples.Configuration(1, null, "hmrc"));
        var json = JsonNode.Parse(text)!;
        Assert.Equal("concordat.federation/v1", (string?)json["format"]);
        Assert.Equal("2026-12-01T09:00:00Z", (string?)json["issuedAt"]);
        Assert.Equal("P3D", (string?)json["gracePeriod"]);
        Assert.Equal("quorum none\n", (string?)json["witnessPolicy"]);
    }

    [Fact]
    public void A_configuration_signed_by_another_key_of_the_same_name_is_refused()
    {
        using var impostor = NoteSigner.Generate(_samples.Signer.Name);
        var note = FederationConfigurationNote.Sign(_samples.Configuration(9, null, "hmrc"), impostor);
        Assert.Equal("note.untrusted", FederationConfigurationNote.Open(note, _samples.Signer.VerifierKey).Errors[0].Code);
    }

    [Fact]
    public void A_configuration_for_another_federation_is_refused_even_when_signed_by_the_pinned_key()
    {
        var other = _samples.Configuration(1, null, "hmrc") with { Federation = "other.example" };
        var note = SignedNote.Sign(FederationConfigurationJson.Format(other), _samples.Signer);
        Assert.Equal("federation_configuration.wrong_federation", FederationConfigurationNote.Open(note, _samples.Signer.VerifierKey).Errors[0].Code);
    }

    public static TheoryData<string, string> Breakages() => new()
    {
        { "unknown member", """ "version": 1, "extra": true """ },
        { "duplicate member", """ "version": 1, "version": 2 """ },
        { "version zero", """ "version": 0 """ },
        { "version as text", """ "version": "1" """ },
        { "fractional version", """ "version": 1.5 """ },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Signed_text_that_breaks_the_format_is_refused(string why, string replacement)
    {
        Assert.NotNull(why);
        var text = FederationConfigurationJson.Format(_samples.Configuration(1, null, "hmrc"));
        var broken = text.Replace("\"version\": 1", replacement.Trim(), StringComparison.Ordinal);
        Assert.NotEqual(text, broken);
        var note = SignedNote.Sign(broken, _samples.Signer);
        Assert.Equal("federation_configuration.invalid", FederationConfigurationNote.Open(note, _samples.Signer.VerifierKey).Errors[0].Code);
    }

    [Theory]
    [InlineData("issuedAt", "2026-12-01 09:00:00")]
    [InlineData("issuedAt", "2026-12-01T09:00:00+01:00")]
    [InlineData("expiresAt", "2026-11-30T09:00:00Z")]
    [InlineData("gracePeriod", "3 days")]
    [InlineData("gracePeriod", "-P1D")]
    [InlineData("gracePeriod", "P91D")]
    [InlineData("format", "concordat.federation/v2")]
    [InlineData("federation", "two words")]
    [InlineData("witnessPolicy", "quorum nobody\n")]
    public void A_bad_value_is_refused(string member, string value)
    {
        var json = JsonNode.Parse(FederationConfigurationJson.Format(_samples.Configuration(1, null, "hmrc")))!;
        json[member] = value;
        Assert.False(FederationConfigurationJson.Parse(json.ToJsonString() + "\n").IsSuccess);
    }

    [Theory]
    [InlineData("organisationId", "HMRC")]
    [InlineData("nodeUrl", "http://hmrc.example/")]
    [InlineData("nodeUrl", "https://hmrc.example/path")]
    [InlineData("nodeUrl", "https://user@hmrc.example/")]
    [InlineData("name", "")]
    [InlineData("name", "line\nbreak")]
    public void A_bad_member_value_is_refused(string member, string value)
    {
        var json = JsonNode.Parse(FederationConfigurationJson.Format(_samples.Configuration(1, null, "hmrc")))!;
        json["members"]![0]![member] = value;
        Assert.False(FederationConfigurationJson.Parse(json.ToJsonString() + "\n").IsSuccess);
    }

    [Fact]
    public void A_certificate_both_listed_and_revoked_is_refused()
    {
        var configuration = _samples.Configuration(1, null, "hmrc");
        var revoked = configuration with { RevokedCertificates = [configuration.Members[0].Certificates[0]] };
        Assert.False(FederationConfigurationJson.Validate(revoked).IsSuccess);
    }

    [Fact]
    public void Two_members_with_one_audit_origin_or_one_organisation_are_refused()
    {
        var configuration = _samples.Configuration(1, null, "hmrc", "dwp");
        var sameOrigin = configuration with { Members = [configuration.Members[0], configuration.Members[1] with { AuditLog = configuration.Members[0].AuditLog }] };
        Assert.Contains("origin", FederationConfigurationJson.Validate(sameOrigin).Errors[0].Message, StringComparison.Ordinal);
        var sameOrganisation = configuration with { Members = [configuration.Members[0], configuration.Members[1] with { OrganisationId = "hmrc" }] };
        Assert.Contains("twice", FederationConfigurationJson.Validate(sameOrganisation).Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_audit_key_not_named_after_its_origin_is_refused()
    {
        var configuration = _samples.Configuration(1, null, "hmrc", "dwp");
        var crossed = configuration with { Members = [configuration.Members[0] with { AuditLog = configuration.Members[0].AuditLog with { Key = configuration.Members[1].AuditLog.Key } }, configuration.Members[1]] };
        Assert.False(FederationConfigurationJson.Validate(crossed).IsSuccess);
    }

    [Fact]
    public void A_witness_policy_log_must_be_a_members_audit_log()
    {
        var configuration = _samples.Configuration(1, null, "hmrc");
        var member = configuration.Members[0];
        var listed = WitnessPolicy.Parse($"log {member.AuditLog.Key.Encoded}\nquorum none\n").Value;
        Assert.True(FederationConfigurationJson.Validate(configuration with { WitnessPolicy = listed }).IsSuccess);
        var stranger = NoteVerifierKey.ForEd25519("stranger/log", new byte[32]);
        var unlisted = WitnessPolicy.Parse($"log {stranger.Encoded}\nquorum none\n").Value;
        Assert.False(FederationConfigurationJson.Validate(configuration with { WitnessPolicy = unlisted }).IsSuccess);
    }

    [Fact]
    public void State_is_current_before_expiry_grace_until_grace_ends_and_expired_after()
    {
        var configuration = _samples.Configuration(1, null, "hmrc");
        Assert.Equal(FederationConfigurationState.Current, configuration.StateAt(configuration.ExpiresAt.AddTicks(-1)));
        Assert.Equal(FederationConfigurationState.Grace, configuration.StateAt(configuration.ExpiresAt));
        Assert.Equal(FederationConfigurationState.Grace, configuration.StateAt(configuration.GraceEndsAt.AddTicks(-1)));
        Assert.Equal(FederationConfigurationState.Expired, configuration.StateAt(configuration.GraceEndsAt));
    }

    [Fact]
    public void A_configuration_note_over_the_size_limit_is_refused_before_parsing()
    {
        var huge = new byte[FederationConfigurationNote.MaxBytes + 1];
        Assert.Equal("federation_configuration.too_large", FederationConfigurationNote.Open(huge, _samples.Signer.VerifierKey).Errors[0].Code);
        Assert.NotNull(Encoding.UTF8.GetString(huge, 0, 1));
    }

    public void Dispose() => _samples.Dispose();
}
