namespace Concordat.Core.Quality;

/// <summary>A dataset's declared quality rules, checked against its schema, with the text they were read from.</summary>
/// <param name="DatasetId">The dataset the rules belong to.</param>
/// <param name="Rules">The rules in file order.</param>
/// <param name="SourceJson">The rule file as given, kept so the rules read back as written.</param>
public sealed record QualityRuleSet(string DatasetId, IReadOnlyList<QualityRule> Rules, string SourceJson)
{
    /// <summary>An empty rule set for a dataset.</summary>
    public static QualityRuleSet Empty(string datasetId) => new(datasetId, [], "{\"rules\":[]}");
}
