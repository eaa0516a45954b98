namespace Concordat.Core.Quality;

/// <summary>
/// The documented quality score (docs/quality.md): a weighted mean, from 0 to 100, of the quality dimensions that
/// could be measured, with the weights of unmeasured dimensions shared out among the rest. Pure.
/// </summary>
public static class QualityScore
{
    /// <summary>Field weight of completeness (share of records with a value).</summary>
    public const double CompletenessWeight = 0.4;

    /// <summary>Field weight of validity (share of values meeting the field's standard).</summary>
    public const double ValidityWeight = 0.3;

    /// <summary>Field weight of plausibility (share of values that are not outliers).</summary>
    public const double PlausibilityWeight = 0.1;

    /// <summary>Field weight of the field's rules (mean share of values passing each rule on the field).</summary>
    public const double FieldRulesWeight = 0.2;

    /// <summary>Dataset weight of the mean field score.</summary>
    public const double FieldsWeight = 0.6;

    /// <summary>Dataset weight of key uniqueness (1 minus the duplicate-key rate of the latest run).</summary>
    public const double UniquenessWeight = 0.2;

    /// <summary>Dataset weight of the dataset-level rules (share passed: row count, freshness).</summary>
    public const double DatasetRulesWeight = 0.2;

    /// <summary>A field's score from its measured dimensions (each 0 to 1, null when not measured); null when none is.</summary>
    public static double? ForField(double? completeness, double? validity, double? outlierRate, double? rulePassRate) =>
        Weighted(
            (completeness, CompletenessWeight),
            (validity, ValidityWeight),
            (outlierRate is null ? null : 1 - outlierRate, PlausibilityWeight),
            (rulePassRate, FieldRulesWeight));

    /// <summary>The dataset's score from its fields' scores (0 to 100), its duplicate-key rate and its dataset rules' pass share.</summary>
    public static double? ForDataset(IEnumerable<double?> fieldScores, double? duplicateKeyRate, double? datasetRulePassRate)
    {
        ArgumentNullException.ThrowIfNull(fieldScores);
        var scores = fieldScores.Where(s => s is not null).Select(s => s!.Value).ToList();
        double? fields = scores.Count == 0 ? null : scores.Average() / 100;
        return fields is null
            ? null
            : Weighted(
                (fields, FieldsWeight),
                (duplicateKeyRate is null ? null : 1 - duplicateKeyRate, UniquenessWeight),
                (datasetRulePassRate, DatasetRulesWeight));
    }

    private static double? Weighted(params ReadOnlySpan<(double? Value, double Weight)> parts)
    {
        double sum = 0;
        double weights = 0;
        foreach (var (value, weight) in parts)
        {
            if (value is { } v)
            {
                sum += Math.Clamp(v, 0, 1) * weight;
                weights += weight;
            }
        }

        return weights == 0 ? null : Math.Round(100 * sum / weights, 1);
    }
}
