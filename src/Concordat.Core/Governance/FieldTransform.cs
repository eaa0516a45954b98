namespace Concordat.Core.Governance;

/// <summary>What happens to a field's value before it leaves the hub under an agreement.</summary>
public enum FieldTransform
{
    /// <summary>The value as held.</summary>
    None,
    /// <summary>Replaced by an HMAC-SHA256 token under the agreement's key (pseudonymised mode only).</summary>
    Pseudonymise,
    /// <summary>A date or date-time reduced to its year, e.g. <c>1957</c>.</summary>
    DateToYear,
    /// <summary>A date or date-time reduced to its year and month, e.g. <c>1957-03</c>.</summary>
    DateToMonth,
    /// <summary>A postcode reduced to its district (outward code), e.g. <c>LS1</c>.</summary>
    PostcodeDistrict,
    /// <summary>A postcode reduced to its sector, e.g. <c>LS1 4</c>.</summary>
    PostcodeSector,
}
