namespace Concordat.Core.Synthesis;

/// <summary>A kind of error or drift the generator injects into department records.</summary>
public enum SynthErrorKind
{
    /// <summary>A keyboard slip in a given or family name: adjacent-key substitution, transposition, deletion or insertion.</summary>
    Typo,
    /// <summary>A familiar form of the given name (Bill for William).</summary>
    Nickname,
    /// <summary>Day and month of birth swapped; only injected when both are 12 or less, so the date stays valid.</summary>
    DayMonthSwap,
    /// <summary>A field left blank (NINO, postcode, date of birth...).</summary>
    MissingField,
    /// <summary>The department still holds the address from before the person's latest move.</summary>
    StaleAddress,
    /// <summary>The department still holds the family name from before a change on marriage.</summary>
    StaleName,
    /// <summary>A NINO that breaks HMRC's format rules (unallocated prefix, bad suffix, missing digit).</summary>
    InvalidNino,
    /// <summary>An NHS number whose check digit is wrong.</summary>
    InvalidNhsNumber,
    /// <summary>A postcode that is not of a valid UK format.</summary>
    InvalidPostcode,
    /// <summary>Given and family names exchanged.</summary>
    SwappedNames,
    /// <summary>An identifier (NINO, NHS number, e-mail, phone) left out of a record.</summary>
    MissingIdentifier,
    /// <summary>A person living with another under that person's family name and address.</summary>
    Household,
}
