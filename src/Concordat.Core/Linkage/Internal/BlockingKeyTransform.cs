namespace Concordat.Core.Linkage.Internal;

/// <summary>How a column's value becomes a blocking key.</summary>
internal enum BlockingKeyTransform
{
    Value,
    First,
    Soundex,
    Metaphone,
    Year,
    Sector,
    District,
}
