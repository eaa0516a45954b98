using Concordat.Core.Ingestion;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// The mapping of each department's extract onto its schema: how to read the source and which column fills which
/// field through which transforms. Column names follow each reader's convention: CSV header names, dotted paths
/// into JSON objects (<c>address.postcode</c>), XML paths relative to the record (<c>Name/Given</c>, <c>@uprn</c>)
/// and fixed-width layout field names.
/// </summary>
internal static class SynthMappings
{
    private static readonly TransformSpec Trim = new("trim");

    /// <summary>The mapping of a department's extract.</summary>
    public static IngestMapping For(SynthDepartment department) => department switch
    {
        SynthDepartment.Hmrc => new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.Csv, Encoding = "windows-1252", Header = true, Delimiter = ',' },
            Mode = RefreshMode.Full,
            Fields =
            [
                Map("recordId", "TAXPAYER_REF", Trim),
                Map("nino", "NINO", Trim, new("nino")),
                Map("givenName", "FORENAMES", Trim, new("splitForenames") { Part = "given" }),
                Map("middleNames", "FORENAMES", Trim, new("splitForenames") { Part = "middle" }),
                Map("familyName", "SURNAME", Trim),
                Map("dateOfBirth", "DOB", Trim, Date("dd/MM/yyyy")),
                Map("sex", "SEX", Trim),
                Map("addressLine1", "ADDR1", Trim),
                Map("addressLine2", "ADDR2", Trim),
                Map("town", "TOWN", Trim),
                Map("postcode", "POSTCODE", Trim, new("postcode")),
                Map("employerPayeReference", "EMPLOYER_REF", Trim),
                Map("employerName", "EMPLOYER_NAME", Trim),
                Map("taxCode", "TAX_CODE", Trim),
                Map("dateOfDeath", "DOD", Trim, Date("dd/MM/yyyy")),
            ],
        },
        SynthDepartment.Dwp => new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.JsonLines, Encoding = "utf-8" },
            Mode = RefreshMode.Full,
            Fields =
            [
                Map("recordId", "claimantId", Trim),
                Map("nino", "nino", Trim, new("nino")),
                Map("nhsNumber", "nhsNumber", Trim, new("nhsNumber")),
                Map("title", "title", Trim),
                Map("givenName", "firstName", Trim),
                Map("middleNames", "middleNames", Trim),
                Map("familyName", "lastName", Trim),
                Map("sex", "sex", Trim),
                Map("dateOfBirth", "dateOfBirth", Date("yyyy-MM-dd")),
                Map("addressLine1", "address.line1", Trim),
                Map("addressLine2", "address.line2", Trim),
                Map("town", "address.town", Trim),
                Map("postcode", "address.postcode", Trim, new("postcode")),
                Map("uprn", "address.uprn"),
                Map("phone", "phone", Trim, new("phone")),
                Map("email", "email", Trim, new("email")),
                Map("benefitType", "benefitType"),
                Map("awardAmount", "awardAmount"),
                Map("awardFrequency", "awardFrequency"),
                Map("awardStartDate", "awardStartDate", Date("yyyy-MM-dd")),
                Map("claimStatus", "claimStatus"),
                Map("dateOfDeath", "dateOfDeath", Date("yyyy-MM-dd")),
            ],
        },
        SynthDepartment.Dvla => new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.FixedWidth, Encoding = "ibm037", LayoutFile = "drivers.layout.json" },
            Mode = RefreshMode.Full,
            Fields =
            [
                Map("recordId", "REC_NO", Trim),
                Map("driverNumber", "DRIVER_NO", Trim),
                Map("givenName", "FORENAMES", Trim, new("splitForenames") { Part = "given" }),
                Map("middleNames", "FORENAMES", Trim, new("splitForenames") { Part = "middle" }),
                Map("familyName", "SURNAME", Trim),
                Map("dateOfBirth", "DOB", Trim, Date("yyyyMMdd")),
                Map("sex", "SEX", Trim),
                Map("addressLine1", "ADDR1", Trim),
                Map("addressLine2", "ADDR2", Trim),
                Map("town", "TOWN", Trim),
                Map("postcode", "POSTCODE", Trim, new("postcode")),
                Map("licenceType", "LICENCE_TYPE", Trim),
                Map("issueNumber", "ISSUE_NO"),
                Map("penaltyPoints", "POINTS"),
                Map("feePaid", "FEE_PAID"),
                Map("issueDate", "ISSUE_DATE", Trim, Date("yyyyMMdd")),
            ],
        },
        SynthDepartment.Council => new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.Xml, Encoding = "utf-8", RecordPath = "/Residents/Resident" },
            Mode = RefreshMode.Full,
            Fields =
            [
                Map("recordId", "@id", Trim),
                Map("uprn", "@uprn", Trim),
                Map("title", "Name/Title", Trim),
                Map("givenName", "Name/Given", Trim),
                Map("middleNames", "Name/Middle", Trim),
                Map("familyName", "Name/Family", Trim),
                Map("dateOfBirth", "DateOfBirth", Trim, Date("yyyy-MM-dd")),
                Map("addressLine1", "Address/Line1", Trim),
                Map("addressLine2", "Address/Line2", Trim),
                Map("town", "Address/Town", Trim),
                Map("postcode", "Address/Postcode", Trim, new("postcode")),
                Map("phone", "Contact/Phone", Trim, new("phone")),
                Map("email", "Contact/Email", Trim, new("email")),
                Map("councilTaxBand", "CouncilTaxBand", Trim),
                Map("electoralRoll", "ElectoralRoll", Trim),
            ],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(department), department, null),
    };

    private static FieldMapping Map(string field, string from, params TransformSpec[] transforms) =>
        new(field) { From = from, Transforms = transforms };

    private static TransformSpec Date(string format) => new("parseDate") { Formats = [format] };
}
