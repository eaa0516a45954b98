using Concordat.Core.Governance;

namespace Concordat.Core.Tests.Governance;

public sealed class PolicyEngineTests
{
    private static readonly Agreement ActiveAgreement = AgreementSamples.Active(AgreementSamples.Terms());

    [Fact]
    public void Active_agreement_permits_the_agreed_fields_with_their_transforms_and_filters()
    {
        var decision = PolicyEngine.Decide(AgreementSamples.Request(ActiveAgreement, ["postcode", "nino"]));

        Assert.True(decision.IsPermitted);
        var obligations = decision.Obligations!;
        Assert.Equal([new PermittedField("nino", FieldTransform.None), new PermittedField("postcode", FieldTransform.PostcodeDistrict)], obligations.Fields);
        Assert.Equal(DisclosureMode.Identified, obligations.Mode);
        Assert.Null(obligations.PseudonymKeyId);
        Assert.Null(obligations.Suppression);
        Assert.Equal(90, obligations.RetentionDays);
        Assert.Equal(new RowFilter("dateOfBirth", RowFilterOperator.AgeAtLeast, "65"), Assert.Single(obligations.RowFilters));
    }

    [Fact]
    public void Empty_field_list_means_every_agreed_field()
    {
        var decision = PolicyEngine.Decide(AgreementSamples.Request(ActiveAgreement));

        Assert.Equal(["nino", "dateOfBirth", "postcode", "benefit"], decision.Obligations!.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Field_outside_the_agreement_denies_the_whole_request()
    {
        var decision = PolicyEngine.Decide(AgreementSamples.Request(ActiveAgreement, ["nino", "familyName"]));

        Assert.False(decision.IsPermitted);
        Assert.Equal(DenyReason.FieldNotPermitted, decision.Reason);
        Assert.Equal("policy.field_not_permitted", decision.ReasonCode);
        Assert.Contains("familyName", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_agreement_denies()
    {
        Assert.Equal(DenyReason.NoAgreement, PolicyEngine.Decide(AgreementSamples.Request(null)).Reason);
    }

    [Theory]
    [InlineData(AgreementStatus.Draft, DenyReason.AgreementNotApproved)]
    [InlineData(AgreementStatus.Submitted, DenyReason.AgreementNotApproved)]
    [InlineData(AgreementStatus.Suspended, DenyReason.AgreementSuspended)]
    [InlineData(AgreementStatus.Revoked, DenyReason.AgreementRevoked)]
    [InlineData(AgreementStatus.Expired, DenyReason.AgreementExpired)]
    public void Agreement_that_is_not_active_denies(AgreementStatus status, DenyReason reason)
    {
        var agreement = AgreementSamples.Active(AgreementSamples.Terms(), status);

        Assert.Equal(reason, PolicyEngine.Decide(AgreementSamples.Request(agreement)).Reason);
    }

    [Fact]
    public void Approved_agreement_is_active_from_midnight_utc_on_its_start_date()
    {
        var agreement = AgreementSamples.Active(AgreementSamples.Terms(), AgreementStatus.Approved);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(DenyReason.AgreementNotYetActive, PolicyEngine.Decide(AgreementSamples.Request(agreement, time: start.AddTicks(-1))).Reason);
        Assert.True(PolicyEngine.Decide(AgreementSamples.Request(agreement, time: start)).IsPermitted);
    }

    [Fact]
    public void Expired_agreement_denies_from_its_end_date_even_when_stored_as_active()
    {
        var end = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.True(PolicyEngine.Decide(AgreementSamples.Request(ActiveAgreement, time: end.AddTicks(-1))).IsPermitted);
        Assert.Equal(DenyReason.AgreementExpired, PolicyEngine.Decide(AgreementSamples.Request(ActiveAgreement, time: end)).Reason);
    }

    [Fact]
    public void Client_of_another_organisation_is_denied()
    {
        var request = AgreementSamples.Request(ActiveAgreement) with { ClientId = "hmrc-service", OrganisationId = "hmrc" };

        Assert.Equal(DenyReason.NotConsumer, PolicyEngine.Decide(request).Reason);
    }

    [Fact]
    public void Provider_is_not_the_consumer_and_is_denied()
    {
        var request = AgreementSamples.Request(ActiveAgreement) with { ClientId = "dwp-service", OrganisationId = "dwp" };

        Assert.Equal(DenyReason.NotConsumer, PolicyEngine.Decide(request).Reason);
    }

    [Fact]
    public void Other_purpose_is_denied()
    {
        var request = AgreementSamples.Request(ActiveAgreement) with { PurposeCode = PurposeCodes.FraudPrevention };

        Assert.Equal(DenyReason.PurposeMismatch, PolicyEngine.Decide(request).Reason);
    }

    [Fact]
    public void Dataset_not_in_the_agreement_is_denied()
    {
        var request = AgreementSamples.Request(ActiveAgreement) with { DatasetId = "hmrc-taxpayers" };

        Assert.Equal(DenyReason.DatasetNotCovered, PolicyEngine.Decide(request).Reason);
    }

    [Fact]
    public void Blank_field_name_or_missing_client_is_an_invalid_request()
    {
        Assert.Equal(DenyReason.InvalidRequest, PolicyEngine.Decide(AgreementSamples.Request(ActiveAgreement, [" "])).Reason);
        Assert.Equal(DenyReason.InvalidRequest, PolicyEngine.Decide(AgreementSamples.Request(ActiveAgreement) with { ClientId = "" }).Reason);
    }

    [Fact]
    public void Pseudonymised_agreement_names_its_key_and_without_one_denies()
    {
        var agreement = AgreementSamples.Active(AgreementSamples.Terms(DisclosureMode.Pseudonymised));

        var decision = PolicyEngine.Decide(AgreementSamples.Request(agreement));
        Assert.Equal("pk-test", decision.Obligations!.PseudonymKeyId);
        Assert.Equal(FieldTransform.Pseudonymise, decision.Obligations.Fields[0].Transform);

        var keyless = PolicyEngine.Decide(AgreementSamples.Request(agreement with { PseudonymKeyId = null }));
        Assert.False(keyless.IsPermitted);
    }

    [Fact]
    public void Aggregate_agreement_carries_default_suppression_rules()
    {
        var agreement = AgreementSamples.Active(AgreementSamples.Terms(DisclosureMode.Aggregate));

        var obligations = PolicyEngine.Decide(AgreementSamples.Request(agreement)).Obligations!;

        Assert.Equal(new SuppressionRules(10, 5), obligations.Suppression);
    }

    [Theory]
    [InlineData(SubjectConsent.Given, null)]
    [InlineData(SubjectConsent.Withdrawn, DenyReason.ConsentWithdrawn)]
    [InlineData(SubjectConsent.NotRecorded, DenyReason.ConsentNotGiven)]
    public void Consent_basis_needs_the_persons_consent(SubjectConsent consent, DenyReason? reason)
    {
        var agreement = AgreementSamples.Active(AgreementSamples.Terms() with { LawfulBasis = LawfulBasis.Consent });

        var decision = PolicyEngine.Decide(AgreementSamples.Request(agreement) with { Consent = consent });

        Assert.Equal(reason, decision.Reason);
        Assert.Equal(reason is null, decision.IsPermitted);
    }

    [Fact]
    public void Consent_basis_extract_must_keep_only_consenting_people()
    {
        var consentBased = AgreementSamples.Active(AgreementSamples.Terms() with { LawfulBasis = LawfulBasis.Consent });

        Assert.True(PolicyEngine.Decide(AgreementSamples.Request(consentBased)).Obligations!.OnlyConsentingSubjects);
        Assert.False(PolicyEngine.Decide(AgreementSamples.Request(ActiveAgreement)).Obligations!.OnlyConsentingSubjects);
    }

    [Fact]
    public void Withdrawn_consent_does_not_matter_when_the_basis_is_not_consent()
    {
        var decision = PolicyEngine.Decide(AgreementSamples.Request(ActiveAgreement) with { Consent = SubjectConsent.Withdrawn });

        Assert.True(decision.IsPermitted);
    }
}
