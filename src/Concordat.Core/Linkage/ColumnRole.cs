namespace Concordat.Core.Linkage;

/// <summary>What a column holds; decides how its values are standardised before comparison.</summary>
public enum ColumnRole
{
    /// <summary>Free text: trimmed, upper-cased, inner spaces collapsed.</summary>
    Other,

    /// <summary>Given (first) names: letters only, upper-cased.</summary>
    GivenName,

    /// <summary>Family name: letters only, upper-cased.</summary>
    FamilyName,

    /// <summary>Date of birth: ISO 8601 (yyyy-MM-dd) or dd/MM/yyyy; anything else counts as missing.</summary>
    DateOfBirth,

    /// <summary>Sex or gender marker: first letter, upper-cased.</summary>
    Sex,

    /// <summary>UK postcode: upper-cased, one space before the inward code.</summary>
    Postcode,

    /// <summary>Address line: upper-cased, punctuation dropped, spaces collapsed.</summary>
    Address,

    /// <summary>National Insurance number: upper-cased, spaces dropped.</summary>
    Nino,

    /// <summary>NHS number: digits only.</summary>
    NhsNumber,

    /// <summary>E-mail address: trimmed, lower-cased.</summary>
    Email,

    /// <summary>Phone number: digits only.</summary>
    Phone,
}
