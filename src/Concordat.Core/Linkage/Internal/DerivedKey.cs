namespace Concordat.Core.Linkage.Internal;

/// <summary>A code derived from each distinct value of a column, encoded as an int id per value (-1 when none).</summary>
internal enum DerivedKey
{
    Soundex,
    MetaphonePrimary,
    MetaphoneAlternate,
    Year,
    Sector,
    District,
    Area,
    First,
}
