using Concordat.Core.Catalogue;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// The dataset schema of each department's extract, with the classification, personal-data category and
/// identifier kind of every field. Written as Frictionless Table Schema beside the data.
/// </summary>
internal static class SynthSchemas
{
    /// <summary>HMRC NIM39110, after removing spaces and upper-casing.</summary>
    public const string NinoPattern = "^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$";

    /// <summary>The schema of a department's extract.</summary>
    public static DatasetSchema For(SynthDepartment department) => department switch
    {
        SynthDepartment.Hmrc => Build(
        [
            RecordId("Taxpayer reference"),
            Nino(), GivenName(), MiddleNames(), FamilyName(), DateOfBirth(), Sex(),
            AddressLine1(), AddressLine2(), Town(), Postcode(),
            Field("employerPayeReference", FieldType.String, "PAYE reference of the employer or pension payer", Classification.Official, PersonalDataCategory.None),
            Field("employerName", FieldType.String, "Employer or pension payer", Classification.Official, PersonalDataCategory.None),
            Field("taxCode", FieldType.String, "PAYE tax code; S or C prefix for Scottish or Welsh rates"),
            DateOfDeath(),
        ]),
        SynthDepartment.Dwp => Build(
        [
            RecordId("Claimant reference"),
            Nino(), NhsNumber(), Title(), GivenName(), MiddleNames(), FamilyName(), Sex(), DateOfBirth(),
            AddressLine1(), AddressLine2(), Town(), Postcode(), Uprn(), Phone(), Email(),
            // The benefit can reveal a disability or health condition (PIP, ESA, Attendance Allowance): Art. 9 data.
            Field("benefitType", FieldType.String, "Benefit claimed", personal: PersonalDataCategory.SpecialCategory,
                constraints: new FieldConstraints { Enum = [.. Benefit.Pension.Items.Concat(Benefit.WorkingAge.Items).Select(b => b.Type)] }),
            Field("awardAmount", FieldType.Number, "Amount awarded per payment period", unit: "GBP"),
            Field("awardFrequency", FieldType.String, "Payment period", constraints: new FieldConstraints { Enum = ["weekly", "monthly"] }),
            Field("awardStartDate", FieldType.Date, "When the award started"),
            Field("claimStatus", FieldType.String, "live, or ceased after death", constraints: new FieldConstraints { Enum = ["live", "ceased"] }),
            DateOfDeath(),
        ]),
        SynthDepartment.Dvla => Build(
        [
            RecordId("Record number"),
            Field("driverNumber", FieldType.String, "GB driving licence number (16 characters)", constraints: new FieldConstraints { MinLength = 16, MaxLength = 16 }),
            GivenName(), MiddleNames(), FamilyName(), DateOfBirth(), Sex(),
            AddressLine1(), AddressLine2(), Town(), Postcode(),
            Field("licenceType", FieldType.String, "F for full, P for provisional", constraints: new FieldConstraints { Enum = ["F", "P"] }),
            Field("issueNumber", FieldType.Integer, "Issue number of the photocard"),
            Field("penaltyPoints", FieldType.Integer, "Penalty points on the licence", constraints: new FieldConstraints { Minimum = "0", Maximum = "12" }),
            Field("feePaid", FieldType.Number, "Fee paid for the latest licence", unit: "GBP"),
            Field("issueDate", FieldType.Date, "When the latest licence was issued"),
        ]),
        SynthDepartment.Council => Build(
        [
            RecordId("Council resident reference"),
            Uprn(), Title(), GivenName(), MiddleNames(), FamilyName(), DateOfBirth(),
            AddressLine1(), AddressLine2(), Town(), Postcode(), Phone(), Email(),
            Field("councilTaxBand", FieldType.String, "Council tax valuation band of the property", Classification.Official,
                constraints: new FieldConstraints { Enum = ["A", "B", "C", "D", "E", "F", "G", "H"] }),
            Field("electoralRoll", FieldType.Boolean, "Whether the resident is on the electoral register"),
        ]),
        _ => throw new ArgumentOutOfRangeException(nameof(department), department, null),
    };

    private static DatasetSchema Build(IReadOnlyList<SchemaField> fields) => new(fields, ["recordId"]);

    private static SchemaField Field(
        string name,
        FieldType type,
        string description,
        Classification classification = Classification.OfficialSensitive,
        PersonalDataCategory personal = PersonalDataCategory.Personal,
        IdentifierKind identifier = IdentifierKind.None,
        FieldConstraints? constraints = null,
        string? unit = null) =>
        new(name, type)
        {
            Description = description,
            Classification = classification,
            PersonalData = personal,
            Identifier = identifier,
            Constraints = constraints ?? FieldConstraints.None,
            Unit = unit,
        };

    private static SchemaField RecordId(string description) =>
        Field("recordId", FieldType.String, description + ": the department's own key for the record", constraints: new FieldConstraints { Required = true });

    private static SchemaField Nino() =>
        Field("nino", FieldType.String, "National Insurance number", identifier: IdentifierKind.Nino, constraints: new FieldConstraints { Pattern = NinoPattern });

    private static SchemaField NhsNumber() =>
        Field("nhsNumber", FieldType.String, "NHS number (modulus 11 check digit)", identifier: IdentifierKind.NhsNumber, constraints: new FieldConstraints { Pattern = "^[0-9]{10}$" });

    private static SchemaField Title() => Field("title", FieldType.String, "Title (Mr, Mrs, Miss, Ms, Dr)");

    private static SchemaField GivenName() => Field("givenName", FieldType.String, "First given name");

    private static SchemaField MiddleNames() => Field("middleNames", FieldType.String, "Other given names");

    private static SchemaField FamilyName() => Field("familyName", FieldType.String, "Family name", constraints: new FieldConstraints { Required = true });

    private static SchemaField DateOfBirth() => Field("dateOfBirth", FieldType.Date, "Date of birth");

    private static SchemaField Sex() => Field("sex", FieldType.String, "Sex as recorded: F or M", constraints: new FieldConstraints { Enum = ["F", "M"] });

    private static SchemaField AddressLine1() => Field("addressLine1", FieldType.String, "First line of the address");

    private static SchemaField AddressLine2() => Field("addressLine2", FieldType.String, "Second line of the address");

    private static SchemaField Town() => Field("town", FieldType.String, "Post town");

    private static SchemaField Postcode() => Field("postcode", FieldType.String, "Postcode", identifier: IdentifierKind.Postcode);

    private static SchemaField Uprn() => Field("uprn", FieldType.Integer, "Unique Property Reference Number of the address", identifier: IdentifierKind.Uprn);

    private static SchemaField Phone() => Field("phone", FieldType.String, "Telephone number", identifier: IdentifierKind.Phone);

    private static SchemaField Email() => Field("email", FieldType.String, "E-mail address", identifier: IdentifierKind.Email);

    private static SchemaField DateOfDeath() => Field("dateOfDeath", FieldType.Date, "Date of death, when the department has been told");
}
