using Concordat.Core.Catalogue;
using Concordat.Core.Governance;

namespace Concordat.Core.Tests.Governance;

/// <summary>Datasets, drafts and agreements for governance tests.</summary>
internal static class AgreementSamples
{
    public static readonly DateOnly Start = new(2026, 1, 1);
    public static readonly DateOnly End = new(2027, 1, 1);
    public static readonly DateTimeOffset DuringTerm = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static Dataset Claimants { get; } = new("dwp-claimants", "dwp", "Claimants", new DatasetSchema(
        [
            new SchemaField("nino", FieldType.String) { PersonalData = PersonalDataCategory.Personal, Identifier = IdentifierKind.Nino },
            new SchemaField("familyName", FieldType.String) { PersonalData = PersonalDataCategory.Personal },
            new SchemaField("dateOfBirth", FieldType.Date) { PersonalData = PersonalDataCategory.Personal },
            new SchemaField("postcode", FieldType.String) { PersonalData = PersonalDataCategory.Personal, Identifier = IdentifierKind.Postcode },
            new SchemaField("benefit", FieldType.String) { PersonalData = PersonalDataCategory.Personal, Constraints = new FieldConstraints { Enum = ["pension-credit", "universal-credit"] } },
            new SchemaField("weeklyAmount", FieldType.Number) { PersonalData = PersonalDataCategory.Personal },
            new SchemaField("limitedCapabilityForWork", FieldType.Boolean) { PersonalData = PersonalDataCategory.SpecialCategory },
        ],
        ["nino"]));

    /// <summary>A dataset of <paramref name="count"/> plain string fields named f0, f1, ...</summary>
    public static Dataset Wide(int count) => new("wide", "dwp", "Wide", new DatasetSchema(
        Enumerable.Range(0, count).Select(i => new SchemaField($"f{i}", FieldType.String) { PersonalData = PersonalDataCategory.Personal }).ToList(),
        ["f0"]));

    public static AgreementDraft Draft(DisclosureMode mode = DisclosureMode.Identified) => new()
    {
        Title = "Pension credit take-up",
        ProviderOrganisationId = "dwp",
        ConsumerOrganisationId = "leeds-council",
        Datasets =
        [
            new AgreementDatasetDraft("dwp-claimants",
                mode == DisclosureMode.Aggregate
                    ?
                    [
                        // An aggregate agreement shares fields only to group by (marked groupable) or to sum.
                        new AgreementField("dateOfBirth", FieldTransform.DateToYear) { Groupable = true },
                        new AgreementField("postcode", FieldTransform.PostcodeDistrict) { Groupable = true },
                        new AgreementField("benefit") { Groupable = true },
                    ]
                    :
                    [
                        new AgreementField("nino", mode == DisclosureMode.Pseudonymised ? FieldTransform.Pseudonymise : FieldTransform.None),
                        new AgreementField("dateOfBirth", FieldTransform.DateToYear),
                        new AgreementField("postcode", FieldTransform.PostcodeDistrict),
                        new AgreementField("benefit"),
                    ],
                [new RowFilter("dateOfBirth", RowFilterOperator.AgeAtLeast, "65")]),
        ],
        Purpose = "Find older residents who may be entitled to pension credit but do not claim it.",
        PurposeCode = PurposeCodes.BenefitEligibility,
        LawfulBasis = LawfulBasis.PublicTask,
        LegalGateway = "Digital Economy Act 2017 Part 5 (public service delivery)",
        DisclosureMode = mode,
        RetentionDays = 90,
        Frequency = SharingFrequency.Monthly,
        StartDate = Start,
        EndDate = End,
        DpiaReference = "DPIA-2025-117",
        Contacts =
        [
            new AgreementContact("dwp", "information asset owner", "DWP data sharing team", "data.sharing@dwp.example.gov.uk"),
            new AgreementContact("leeds-council", "data protection officer", "Leeds DPO", "dpo@leeds.example.gov.uk"),
        ],
    };

    public static Result<AgreementTerms> Validate(AgreementDraft draft, params Dataset[] datasets) =>
        AgreementValidator.Validate(
            draft,
            id => datasets.Length == 0 ? (id == Claimants.Id ? Claimants : null) : datasets.FirstOrDefault(d => d.Id == id),
            id => id is "dwp" or "leeds-council" or "hmrc");

    public static AgreementTerms Terms(DisclosureMode mode = DisclosureMode.Identified) => Validate(Draft(mode)).Value;

    public static Agreement Active(AgreementTerms terms, AgreementStatus status = AgreementStatus.Active, string id = "dwp-leeds-pension-credit") =>
        new(id, 1, terms, status)
        {
            DraftedBy = "leeds-council-service",
            PseudonymKeyId = terms.DisclosureMode == DisclosureMode.Pseudonymised ? "pk-test" : null,
        };

    public static PolicyRequest Request(Agreement? agreement, IReadOnlyList<string>? fields = null, DateTimeOffset? time = null) =>
        new("leeds-council-service", "leeds-council", agreement, "dwp-claimants", fields ?? [], PurposeCodes.BenefitEligibility, time ?? DuringTerm);
}
