namespace Concordat.Core.Catalogue;

/// <summary>A UK standard identifier or contact format that a field holds; drives validation and normalisation.</summary>
public enum IdentifierKind
{
    /// <summary>No identifier standard applies.</summary>
    None,
    /// <summary>National Insurance number (HMRC NIM39110).</summary>
    Nino,
    /// <summary>NHS number (10 digits, modulus 11 check digit).</summary>
    NhsNumber,
    /// <summary>UK postcode (format only; existence needs PAF).</summary>
    Postcode,
    /// <summary>Unique Property Reference Number (1 to 12 digits).</summary>
    Uprn,
    /// <summary>E-mail address.</summary>
    Email,
    /// <summary>UK telephone number, normalised to E.164.</summary>
    Phone,
}
