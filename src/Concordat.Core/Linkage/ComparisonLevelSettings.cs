namespace Concordat.Core.Linkage;

/// <summary>One level of a comparison: the first level (in order) whose test holds decides the pair's level.</summary>
public sealed record ComparisonLevelSettings
{
    /// <summary>The test.</summary>
    public required ComparisonLevelKind Type { get; init; }

    /// <summary>Similarity threshold in (0, 1] for Jaro, Jaro-Winkler and Jaccard levels.</summary>
    public double? Threshold { get; init; }

    /// <summary>Largest edit distance for Levenshtein and Damerau-Levenshtein levels.</summary>
    public int? MaxDistance { get; init; }

    /// <summary>Largest difference in days for a date-within-days level.</summary>
    public int? Days { get; init; }

    /// <summary>Largest difference in years for a date-within-years level.</summary>
    public int? Years { get; init; }

    /// <summary>
    /// Term-frequency adjustment on an exact level: agreement on a rare value weighs more than on a common one.
    /// </summary>
    public bool Tf { get; init; }

    /// <summary>A short label for reports, e.g. <c>jaroWinkler &gt;= 0.9</c>.</summary>
    public string Label => Type switch
    {
        ComparisonLevelKind.Jaro or ComparisonLevelKind.JaroWinkler or ComparisonLevelKind.Jaccard =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Camel(Type)} >= {Threshold}"),
        ComparisonLevelKind.Levenshtein or ComparisonLevelKind.DamerauLevenshtein =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Camel(Type)} <= {MaxDistance}"),
        ComparisonLevelKind.DateWithinDays => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"within {Days} days"),
        ComparisonLevelKind.DateWithinYears => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"within {Years} years"),
        _ => Camel(Type) + (Tf ? " (tf)" : ""),
    };

    private static string Camel(ComparisonLevelKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
