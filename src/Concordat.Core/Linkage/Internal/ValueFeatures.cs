namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// One standardised value with every code a comparison level may test, computed once: for a value held in a
/// <see cref="PersonMatchIndex"/> when it is added, for a query's value once per query. Immutable.
/// </summary>
internal sealed class ValueFeatures
{
    /// <summary>Codes for <paramref name="value"/>, computed only for the level kinds in <paramref name="kinds"/>.</summary>
    public ValueFeatures(string value, ColumnRole role, IReadOnlySet<ComparisonLevelKind> kinds)
    {
        Value = value;
        Sketch = CharSketch.Of(value);
        if (kinds.Contains(ComparisonLevelKind.Soundex))
        {
            Soundex = Linkage.Soundex.Encode(value);
        }

        if (kinds.Contains(ComparisonLevelKind.DoubleMetaphone))
        {
            (MetaphonePrimary, MetaphoneAlternate) = DoubleMetaphone.Encode(value);
        }

        if (kinds.Contains(ComparisonLevelKind.Nickname))
        {
            var forms = NicknameTable.Forms(value).ToArray();
            Array.Sort(forms, StringComparer.Ordinal);
            Forms = forms;
        }

        Day = role == ColumnRole.DateOfBirth
            && kinds.Overlaps([ComparisonLevelKind.DateDayMonthSwap, ComparisonLevelKind.DateWithinDays, ComparisonLevelKind.DateWithinYears])
            ? Standardiser.DayNumber(value)
            : int.MinValue;
        Sector = kinds.Contains(ComparisonLevelKind.PostcodeSector) ? EncodedColumn.Code(value, DerivedKey.Sector, 0) : null;
        District = kinds.Contains(ComparisonLevelKind.PostcodeDistrict) ? EncodedColumn.Code(value, DerivedKey.District, 0) : null;
        Area = kinds.Contains(ComparisonLevelKind.PostcodeArea) ? EncodedColumn.Code(value, DerivedKey.Area, 0) : null;
        Bigrams = kinds.Contains(ComparisonLevelKind.Jaccard) ? StringSimilarity.BigramSet(value) : [];
    }

    public string Value { get; }

    public ulong Sketch { get; }

    public string? Soundex { get; }

    public string MetaphonePrimary { get; } = "";

    public string MetaphoneAlternate { get; } = "";

    /// <summary>The name and its formal forms, sorted ordinally.</summary>
    public string[] Forms { get; } = [];

    /// <summary>Day number for a date of birth; int.MinValue otherwise.</summary>
    public int Day { get; }

    public string? Sector { get; }

    public string? District { get; }

    public string? Area { get; }

    public int[] Bigrams { get; }
}
