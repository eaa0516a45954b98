using Concordat.Core.Ingestion;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// The DVLA extract's record layout, as a COBOL copybook would give it: 1-based byte offsets, EBCDIC text,
/// a zoned decimal issue number and packed decimal (COMP-3) penalty points and fee. The emitter writes from these
/// constants and the layout file is built from them, so the two cannot drift apart.
/// </summary>
internal static class DvlaLayout
{
    public const int RecordLength = 220;

    public static readonly FixedWidthField RecordNumber = new("REC_NO", 1, 10);
    public static readonly FixedWidthField DriverNumber = new("DRIVER_NO", 11, 16);
    public static readonly FixedWidthField Surname = new("SURNAME", 27, 30);
    public static readonly FixedWidthField Forenames = new("FORENAMES", 57, 30);
    public static readonly FixedWidthField DateOfBirth = new("DOB", 87, 8);
    public static readonly FixedWidthField Sex = new("SEX", 95, 1);
    public static readonly FixedWidthField Address1 = new("ADDR1", 96, 35);
    public static readonly FixedWidthField Address2 = new("ADDR2", 131, 35);
    public static readonly FixedWidthField Town = new("TOWN", 166, 25);
    public static readonly FixedWidthField Postcode = new("POSTCODE", 191, 8);
    public static readonly FixedWidthField LicenceType = new("LICENCE_TYPE", 199, 1);

    /// <summary>PIC 9(2), zoned decimal, unsigned.</summary>
    public static readonly FixedWidthField IssueNumber = new("ISSUE_NO", 200, 2) { Kind = "zoned" };

    /// <summary>PIC S9(3) COMP-3: two bytes.</summary>
    public static readonly FixedWidthField PenaltyPoints = new("POINTS", 202, 2) { Kind = "packed" };

    /// <summary>PIC S9(5)V99 COMP-3: four bytes, pounds with two implied decimal places.</summary>
    public static readonly FixedWidthField FeePaid = new("FEE_PAID", 204, 4) { Kind = "packed", Scale = 2 };

    public static readonly FixedWidthField IssueDate = new("ISSUE_DATE", 208, 8);

    // Bytes 216 to 220 are FILLER (EBCDIC spaces), as copybooks pad records to a round length.

    /// <summary>The layout, for <c>dvla/drivers.layout.json</c>.</summary>
    public static FixedWidthLayout Layout { get; } = new()
    {
        Encoding = "ibm037",
        RecordLength = RecordLength,
        Fields =
        [
            RecordNumber, DriverNumber, Surname, Forenames, DateOfBirth, Sex, Address1, Address2, Town, Postcode,
            LicenceType, IssueNumber, PenaltyPoints, FeePaid, IssueDate,
        ],
    };
}
