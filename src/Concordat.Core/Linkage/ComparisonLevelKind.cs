namespace Concordat.Core.Linkage;

/// <summary>The test a comparison level applies to two non-null values.</summary>
public enum ComparisonLevelKind
{
    /// <summary>Both values missing or either missing; always checked first, weight 0. Optional in settings.</summary>
    Null,

    /// <summary>Standardised values are equal.</summary>
    Exact,

    /// <summary>Jaro-Winkler similarity at least <see cref="ComparisonLevelSettings.Threshold"/>.</summary>
    JaroWinkler,

    /// <summary>Jaro similarity at least the threshold.</summary>
    Jaro,

    /// <summary>Levenshtein distance at most <see cref="ComparisonLevelSettings.MaxDistance"/>.</summary>
    Levenshtein,

    /// <summary>Damerau-Levenshtein (optimal string alignment) distance at most the maximum distance.</summary>
    DamerauLevenshtein,

    /// <summary>Jaccard similarity of character bigrams at least the threshold.</summary>
    Jaccard,

    /// <summary>Equal American Soundex codes.</summary>
    Soundex,

    /// <summary>A Double Metaphone code (primary or alternate) of one equals one of the other's.</summary>
    DoubleMetaphone,

    /// <summary>Equal after mapping familiar forms to a formal name (BILL and WILLIAM).</summary>
    Nickname,

    /// <summary>One value is the initial of the other, or both have the same first letter.</summary>
    Initials,

    /// <summary>Dates whose day and month are swapped.</summary>
    DateDayMonthSwap,

    /// <summary>Dates at most <see cref="ComparisonLevelSettings.Days"/> days apart.</summary>
    DateWithinDays,

    /// <summary>Dates at most <see cref="ComparisonLevelSettings.Years"/> years apart (365.25 days a year).</summary>
    DateWithinYears,

    /// <summary>Postcodes in the same sector (outward code and first inward digit, e.g. LS1 4).</summary>
    PostcodeSector,

    /// <summary>Postcodes in the same district (outward code, e.g. LS1).</summary>
    PostcodeDistrict,

    /// <summary>Postcodes in the same area (leading letters, e.g. LS).</summary>
    PostcodeArea,
}
