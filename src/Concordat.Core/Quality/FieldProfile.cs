namespace Concordat.Core.Quality;

/// <summary>
/// The profile of one field over the current records of a dataset. Rates are fractions from 0 to 1; a rate is null
/// when nothing could be measured (for example validity of a field with no standard, or of a field that is all null).
/// Minimum, maximum and mean are invariant-culture numbers, or ISO 8601 for dates and instants.
/// </summary>
public sealed record FieldProfile
{
    /// <summary>The field name.</summary>
    public required string Name { get; init; }

    /// <summary>The field's Table Schema type name (string, integer, number, boolean, date, datetime).</summary>
    public required string Type { get; init; }

    /// <summary>Records profiled.</summary>
    public long Rows { get; init; }

    /// <summary>Records with no value.</summary>
    public long Nulls { get; init; }

    /// <summary>Records whose value is empty or only white space.</summary>
    public long Blanks { get; init; }

    /// <summary><see cref="Nulls"/> / <see cref="Rows"/>.</summary>
    public double? NullRate { get; init; }

    /// <summary><see cref="Blanks"/> / <see cref="Rows"/>.</summary>
    public double? BlankRate { get; init; }

    /// <summary>Share of records with a non-blank value.</summary>
    public double? Completeness { get; init; }

    /// <summary>Distinct non-blank values.</summary>
    public long Distinct { get; init; }

    /// <summary>True when <see cref="Distinct"/> is exact; false when it is a HyperLogLog estimate (about 0.8 % standard error).</summary>
    public bool DistinctIsExact { get; init; }

    /// <summary>Smallest value (numbers, dates and instants only).</summary>
    public string? Minimum { get; init; }

    /// <summary>Largest value (numbers, dates and instants only).</summary>
    public string? Maximum { get; init; }

    /// <summary>Arithmetic mean (numbers, dates and instants only).</summary>
    public string? Mean { get; init; }

    /// <summary>Shortest non-blank value in characters.</summary>
    public int? MinLength { get; init; }

    /// <summary>Longest non-blank value in characters.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The most frequent values, highest first; null when withheld (see <see cref="TopValuesWithheld"/>).</summary>
    public IReadOnlyList<ValueCount>? TopValues { get; init; }

    /// <summary>True when top values are withheld because the field holds personal data.</summary>
    public bool TopValuesWithheld { get; init; }

    /// <summary>The most frequent value shapes (<c>AA999999A</c>), highest first.</summary>
    public IReadOnlyList<ValueCount> Patterns { get; init; } = [];

    /// <summary>The standard values are checked against (<c>nino</c>, <c>date</c>, ...), or null when none applies.</summary>
    public string? Standard { get; init; }

    /// <summary>Non-blank values that meet <see cref="Standard"/>.</summary>
    public long Valid { get; init; }

    /// <summary>Non-blank values that do not meet <see cref="Standard"/>.</summary>
    public long Invalid { get; init; }

    /// <summary><see cref="Valid"/> / non-blank values; null without a standard or without values.</summary>
    public double? Validity { get; init; }

    /// <summary>The plausibility rule applied, e.g. date of birth not in the future nor more than 120 years ago.</summary>
    public string? OutlierRule { get; init; }

    /// <summary>Values that break <see cref="OutlierRule"/>.</summary>
    public long Outliers { get; init; }

    /// <summary><see cref="Outliers"/> / values checked; null when no outlier rule applies.</summary>
    public double? OutlierRate { get; init; }

    /// <summary>Quality score from 0 to 100 (see docs/quality.md), or null when the field has no records.</summary>
    public double? Score { get; init; }

    /// <summary>A remark for a reader, such as "Every value is null.".</summary>
    public string? Note { get; init; }
}
