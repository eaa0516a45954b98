using Concordat.Core.Governance;

namespace Concordat.Core.Tests.Governance;

public sealed class AgreementValidatorTests
{
    [Fact]
    public void Complete_draft_becomes_terms()
    {
        var terms = AgreementSamples.Validate(AgreementSamples.Draft()).Value;

        Assert.Equal("dwp", terms.ProviderOrganisationId);
        Assert.Equal(["nino", "dateOfBirth", "postcode", "benefit"], terms.Datasets[0].Fields.Select(f => f.Name));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), terms.EndsAt);
    }

    [Fact]
    public void Empty_draft_explains_every_missing_element()
    {
        var result = AgreementSamples.Validate(new AgreementDraft());

        var targets = result.Errors.Select(e => e.Target).ToHashSet();
        foreach (var target in new[] { "title", "providerOrganisationId", "consumerOrganisationId", "datasets", "purpose", "purposeCode", "lawfulBasis", "legalGateway", "disclosureMode", "frequency", "retentionDays", "startDate", "endDate", "contacts" })
        {
            Assert.Contains(target, targets);
        }
    }

    [Fact]
    public void End_before_start_is_refused()
    {
        var result = AgreementSamples.Validate(AgreementSamples.Draft() with { StartDate = new DateOnly(2026, 5, 1), EndDate = new DateOnly(2026, 4, 30) });

        var error = Assert.Single(result.Errors);
        Assert.Equal("agreement.end_before_start", error.Code);
        Assert.Equal("endDate", error.Target);
    }

    [Fact]
    public void Field_not_in_the_dataset_is_refused_with_its_position()
    {
        var draft = AgreementSamples.Draft() with { Datasets = [new AgreementDatasetDraft("dwp-claimants", [new AgreementField("nino"), new AgreementField("shoeSize")])] };

        var error = Assert.Single(AgreementSamples.Validate(draft).Errors);

        Assert.Equal("agreement.unknown_field", error.Code);
        Assert.Equal("datasets[0].fields[1].name", error.Target);
    }

    [Fact]
    public void Special_category_field_needs_an_article_9_condition()
    {
        var draft = AgreementSamples.Draft() with { Datasets = [new AgreementDatasetDraft("dwp-claimants", [new AgreementField("nino"), new AgreementField("limitedCapabilityForWork")])] };

        Assert.Equal("agreement.article9_required", Assert.Single(AgreementSamples.Validate(draft).Errors).Code);
        Assert.True(AgreementSamples.Validate(draft with { SpecialCategoryCondition = SpecialCategoryCondition.EmploymentSocialSecurity }).IsSuccess);
    }

    [Fact]
    public void Article_9_condition_without_special_category_data_is_inconsistent()
    {
        var draft = AgreementSamples.Draft() with { SpecialCategoryCondition = SpecialCategoryCondition.PublicHealth };

        Assert.Equal("agreement.article9_unneeded", Assert.Single(AgreementSamples.Validate(draft).Errors).Code);
    }

    [Fact]
    public void Purpose_code_outside_the_list_is_refused_and_the_list_is_named()
    {
        var error = Assert.Single(AgreementSamples.Validate(AgreementSamples.Draft() with { PurposeCode = "marketing" }).Errors);

        Assert.Equal("agreement.unknown_purpose_code", error.Code);
        Assert.Contains(PurposeCodes.BenefitEligibility, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dataset_of_another_organisation_is_refused()
    {
        var error = Assert.Single(AgreementSamples.Validate(AgreementSamples.Draft() with { ProviderOrganisationId = "hmrc", Contacts = [new AgreementContact("hmrc", "owner", "HMRC", "a@hmrc.example.gov.uk"), new AgreementContact("leeds-council", "dpo", "Leeds", "dpo@leeds.example.gov.uk")] }).Errors);

        Assert.Equal("agreement.dataset_not_provider", error.Code);
    }

    [Fact]
    public void Transforms_must_suit_the_field_and_the_mode()
    {
        var draft = AgreementSamples.Draft() with
        {
            Datasets = [new AgreementDatasetDraft("dwp-claimants", [new AgreementField("benefit", FieldTransform.DateToYear), new AgreementField("familyName", FieldTransform.Pseudonymise)])],
        };

        var codes = AgreementSamples.Validate(draft).Errors.Select(e => e.Target).ToList();

        Assert.Equal(["datasets[0].fields[0].transform", "datasets[0].fields[1].transform"], codes);
    }

    [Fact]
    public void Pseudonymised_mode_requires_direct_identifiers_to_be_tokenised()
    {
        var draft = AgreementSamples.Draft(DisclosureMode.Pseudonymised) with
        {
            Datasets = [new AgreementDatasetDraft("dwp-claimants", [new AgreementField("nino"), new AgreementField("benefit")])],
        };

        var error = Assert.Single(AgreementSamples.Validate(draft).Errors);
        Assert.Equal(("agreement.identifier_in_clear", "datasets[0].fields[0].transform"), (error.Code, error.Target));
    }

    [Theory]
    [InlineData("familyName", FieldTransform.None, false)]
    [InlineData("familyName", FieldTransform.Pseudonymise, true)]
    [InlineData("dateOfBirth", FieldTransform.None, false)]
    [InlineData("dateOfBirth", FieldTransform.DateToYear, true)]
    [InlineData("dateOfBirth", FieldTransform.DateToMonth, true)]
    [InlineData("postcode", FieldTransform.None, false)]
    [InlineData("postcode", FieldTransform.PostcodeDistrict, true)]
    [InlineData("weeklyAmount", FieldTransform.None, true)]
    [InlineData("limitedCapabilityForWork", FieldTransform.None, true)]
    [InlineData("benefit", FieldTransform.None, true)]
    public void Pseudonymised_mode_refuses_every_direct_identifier_in_clear(string field, FieldTransform transform, bool accepted)
    {
        var draft = AgreementSamples.Draft(DisclosureMode.Pseudonymised) with
        {
            Datasets = [new AgreementDatasetDraft("dwp-claimants", [new AgreementField("nino", FieldTransform.Pseudonymise), new AgreementField(field, transform)])],
            SpecialCategoryCondition = field == "limitedCapabilityForWork" ? SpecialCategoryCondition.EmploymentSocialSecurity : null,
        };

        var result = AgreementSamples.Validate(draft);

        Assert.Equal(accepted, result.IsSuccess);
        if (!accepted)
        {
            Assert.Equal("agreement.identifier_in_clear", Assert.Single(result.Errors).Code);
        }
    }

    [Theory]
    [InlineData(DisclosureMode.Identified)]
    [InlineData(DisclosureMode.Pseudonymised)]
    [InlineData(DisclosureMode.Aggregate)]
    public void Groupable_mark_is_accepted_only_on_categorical_or_generalised_fields(DisclosureMode mode)
    {
        var groupable = new[]
        {
            new AgreementField("benefit") { Groupable = true },
            new AgreementField("limitedCapabilityForWork") { Groupable = true },
            new AgreementField("dateOfBirth", FieldTransform.DateToYear) { Groupable = true },
            new AgreementField("postcode", FieldTransform.PostcodeSector) { Groupable = true },
        };
        var ok = AgreementSamples.Draft(mode) with
        {
            Datasets = [new AgreementDatasetDraft("dwp-claimants", groupable)],
            SpecialCategoryCondition = SpecialCategoryCondition.EmploymentSocialSecurity,
        };
        Assert.True(AgreementSamples.Validate(ok).IsSuccess, string.Join("; ", AgreementSamples.Validate(ok).Errors.Select(e => e.Message)));

        foreach (var bad in new[]
        {
            new AgreementField("nino", mode == DisclosureMode.Pseudonymised ? FieldTransform.Pseudonymise : FieldTransform.None) { Groupable = true },
            new AgreementField("familyName", mode == DisclosureMode.Pseudonymised ? FieldTransform.Pseudonymise : FieldTransform.None) { Groupable = true },
            new AgreementField("dateOfBirth", mode == DisclosureMode.Pseudonymised ? FieldTransform.DateToMonth : FieldTransform.None) { Groupable = mode != DisclosureMode.Pseudonymised },
            new AgreementField("postcode", mode == DisclosureMode.Pseudonymised ? FieldTransform.Pseudonymise : FieldTransform.None) { Groupable = true },
            new AgreementField("weeklyAmount") { Groupable = true },
        }.Where(f => f.Groupable))
        {
            var draft = AgreementSamples.Draft(mode) with { Datasets = [new AgreementDatasetDraft("dwp-claimants", [new AgreementField("benefit") { Groupable = true }, bad])] };
            var error = Assert.Single(AgreementSamples.Validate(draft).Errors);
            Assert.Equal(("agreement.not_groupable", "datasets[0].fields[1].groupable"), (error.Code, error.Target));
        }
    }

    [Fact]
    public void Aggregate_mode_shares_a_field_only_to_group_by_or_to_sum()
    {
        foreach (var unused in new[] { new AgreementField("nino"), new AgreementField("familyName"), new AgreementField("dateOfBirth"), new AgreementField("benefit") })
        {
            var draft = AgreementSamples.Draft(DisclosureMode.Aggregate) with
            {
                Datasets = [new AgreementDatasetDraft("dwp-claimants", [new AgreementField("postcode", FieldTransform.PostcodeDistrict) { Groupable = true }, new AgreementField("weeklyAmount"), unused])],
            };

            var error = Assert.Single(AgreementSamples.Validate(draft).Errors);
            Assert.Equal(("agreement.aggregate_field_unused", "datasets[0].fields[2]"), (error.Code, error.Target));
        }
    }
}
