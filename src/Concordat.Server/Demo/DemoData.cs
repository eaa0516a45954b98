using Concordat.Core.Catalogue;

namespace Concordat.Server.Demo;

/// <summary>The demonstration organisations and their person datasets: four real public bodies with plausible schemas.</summary>
internal static class DemoData
{
    /// <summary>The organisation that runs the hub and holds the admin client.</summary>
    public const string HubOrganisationId = "concordat-hub";

    /// <summary>The admin client.</summary>
    public const string AdminClientId = "hub-admin";

    /// <summary>Demo departments: id, name, homepage.</summary>
    public static IReadOnlyList<(string Id, string Name, Uri Homepage)> Departments { get; } =
    [
        ("hmrc", "HM Revenue and Customs", new Uri("https://www.gov.uk/government/organisations/hm-revenue-customs")),
        ("dwp", "Department for Work and Pensions", new Uri("https://www.gov.uk/government/organisations/department-for-work-pensions")),
        ("dvla", "Driver and Vehicle Licensing Agency", new Uri("https://www.gov.uk/government/organisations/driver-and-vehicle-licensing-agency")),
        ("leeds-council", "Leeds City Council", new Uri("https://www.leeds.gov.uk")),
    ];

    /// <summary>One dataset per department.</summary>
    public static IReadOnlyList<Dataset> Datasets(DateTimeOffset now) =>
    [
        new Dataset("hmrc-taxpayers", "hmrc", "PAYE taxpayers", new DatasetSchema(
            [
                Nino(required: true),
                GivenName(),
                FamilyName(),
                DateOfBirth(),
                Postcode(),
                new SchemaField("taxCode", FieldType.String)
                {
                    Description = "Current PAYE tax code.",
                    Classification = Classification.OfficialSensitive,
                    PersonalData = PersonalDataCategory.Personal,
                    Constraints = new FieldConstraints { Pattern = "^[0-9]{1,4}[A-Z]{1,2}$|^[A-Z]{1,2}[0-9]{0,4}$|^(BR|D0|D1|NT|0T)$" },
                },
                new SchemaField("annualPay", FieldType.Number)
                {
                    Description = "Pay in the last complete tax year.",
                    Unit = "GBP",
                    Classification = Classification.OfficialSensitive,
                    PersonalData = PersonalDataCategory.Personal,
                    Constraints = new FieldConstraints { Minimum = "0" },
                },
            ],
            ["nino"]))
        {
            Description = "People paid through PAYE with their current tax code and last year's pay.",
            Keywords = ["tax", "paye", "income"],
            CreatedAt = now,
            UpdatedAt = now,
        },
        new Dataset("dwp-claimants", "dwp", "Benefit claimants", new DatasetSchema(
            [
                Nino(required: true),
                GivenName(),
                FamilyName(),
                DateOfBirth(),
                Postcode(),
                new SchemaField("benefit", FieldType.String)
                {
                    Description = "The benefit claimed.",
                    Classification = Classification.OfficialSensitive,
                    PersonalData = PersonalDataCategory.Personal,
                    Constraints = new FieldConstraints { Required = true, Enum = ["universal-credit", "pension-credit", "personal-independence-payment", "attendance-allowance"] },
                },
                new SchemaField("claimStart", FieldType.Date) { Description = "When the claim started.", PersonalData = PersonalDataCategory.Personal },
                new SchemaField("limitedCapabilityForWork", FieldType.Boolean)
                {
                    Description = "Assessed as having limited capability for work because of a health condition.",
                    Classification = Classification.OfficialSensitive,
                    PersonalData = PersonalDataCategory.SpecialCategory,
                },
            ],
            ["nino", "benefit"]))
        {
            Description = "People claiming DWP benefits, one record per person and benefit.",
            Keywords = ["benefits", "universal credit", "welfare"],
            CreatedAt = now,
            UpdatedAt = now,
        },
        new Dataset("dvla-driving-licences", "dvla", "Driving licence holders", new DatasetSchema(
            [
                new SchemaField("licenceNumber", FieldType.String)
                {
                    Description = "GB driving licence number (16 characters).",
                    Classification = Classification.OfficialSensitive,
                    PersonalData = PersonalDataCategory.Personal,
                    Constraints = new FieldConstraints { Required = true, Pattern = "^[A-Z9]{5}[0-9]{6}[A-Z9]{2}[0-9][A-Z]{2}$" },
                },
                GivenName(),
                FamilyName(),
                DateOfBirth(),
                Postcode(),
                new SchemaField("categories", FieldType.String) { Description = "Entitlement categories, comma separated, e.g. B,BE." },
                new SchemaField("penaltyPoints", FieldType.Integer)
                {
                    Description = "Current penalty points.",
                    PersonalData = PersonalDataCategory.Personal,
                    Constraints = new FieldConstraints { Minimum = "0", Maximum = "48" },
                },
                new SchemaField("medicalCondition", FieldType.Boolean)
                {
                    Description = "A notifiable medical condition is recorded.",
                    Classification = Classification.OfficialSensitive,
                    PersonalData = PersonalDataCategory.SpecialCategory,
                },
            ],
            ["licenceNumber"]))
        {
            Description = "Holders of GB driving licences with entitlements and penalty points.",
            Keywords = ["driving", "licences", "transport"],
            CreatedAt = now,
            UpdatedAt = now,
        },
        new Dataset("leeds-council-tax", "leeds-council", "Council Tax accounts", new DatasetSchema(
            [
                new SchemaField("uprn", FieldType.String)
                {
                    Description = "Unique Property Reference Number of the dwelling.",
                    Identifier = IdentifierKind.Uprn,
                    Constraints = new FieldConstraints { Required = true },
                },
                new SchemaField("accountHolder", FieldType.String)
                {
                    Description = "Full name of the liable person.",
                    PersonalData = PersonalDataCategory.Personal,
                    Constraints = new FieldConstraints { Required = true, MaxLength = 200 },
                },
                new SchemaField("email", FieldType.String) { Description = "Contact e-mail.", Identifier = IdentifierKind.Email, PersonalData = PersonalDataCategory.Personal },
                new SchemaField("phone", FieldType.String) { Description = "Contact telephone.", Identifier = IdentifierKind.Phone, PersonalData = PersonalDataCategory.Personal },
                Postcode(),
                new SchemaField("band", FieldType.String)
                {
                    Description = "Council Tax valuation band.",
                    Constraints = new FieldConstraints { Required = true, Enum = ["A", "B", "C", "D", "E", "F", "G", "H"] },
                },
                new SchemaField("singlePersonDiscount", FieldType.Boolean) { Description = "25% single person discount applies.", PersonalData = PersonalDataCategory.Personal },
            ],
            ["uprn"]))
        {
            Description = "Council Tax accounts in Leeds: dwelling, liable person and discounts.",
            Keywords = ["council tax", "local government", "housing"],
            CreatedAt = now,
            UpdatedAt = now,
        },
    ];

    private static SchemaField Nino(bool required) => new("nino", FieldType.String)
    {
        Description = "National Insurance number.",
        Classification = Classification.OfficialSensitive,
        PersonalData = PersonalDataCategory.Personal,
        Identifier = IdentifierKind.Nino,
        Constraints = new FieldConstraints { Required = required },
    };

    private static SchemaField GivenName() => new("givenName", FieldType.String)
    {
        Description = "Given name.",
        PersonalData = PersonalDataCategory.Personal,
        Constraints = new FieldConstraints { MaxLength = 100 },
    };

    private static SchemaField FamilyName() => new("familyName", FieldType.String)
    {
        Description = "Family name.",
        PersonalData = PersonalDataCategory.Personal,
        Constraints = new FieldConstraints { Required = true, MaxLength = 100 },
    };

    private static SchemaField DateOfBirth() => new("dateOfBirth", FieldType.Date)
    {
        Description = "Date of birth.",
        PersonalData = PersonalDataCategory.Personal,
        Constraints = new FieldConstraints { Minimum = "1900-01-01" },
    };

    private static SchemaField Postcode() => new("postcode", FieldType.String)
    {
        Description = "Postcode of the current address.",
        PersonalData = PersonalDataCategory.Personal,
        Identifier = IdentifierKind.Postcode,
    };
}
