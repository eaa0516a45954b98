namespace Concordat.Core.Quality;

/// <summary>The snake-case names of <see cref="RuleType"/> used in rule files and results.</summary>
public static class RuleTypeNames
{
    private static readonly Dictionary<string, RuleType> ByName = new(StringComparer.Ordinal)
    {
        ["not_null"] = RuleType.NotNull,
        ["unique"] = RuleType.Unique,
        ["matches_standard"] = RuleType.MatchesStandard,
        ["matches_regex"] = RuleType.MatchesRegex,
        ["in_range"] = RuleType.InRange,
        ["in_set"] = RuleType.InSet,
        ["length"] = RuleType.Length,
        ["cross_field"] = RuleType.CrossField,
        ["referential"] = RuleType.Referential,
        ["row_count"] = RuleType.RowCount,
        ["freshness"] = RuleType.Freshness,
    };

    /// <summary>Every name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ByName.Keys];

    /// <summary>The name of a rule type.</summary>
    public static string Name(RuleType type) => ByName.First(p => p.Value == type).Key;

    /// <summary>Looks up a rule type by name.</summary>
    public static bool TryParse(string? name, out RuleType type) => ByName.TryGetValue(name ?? string.Empty, out type);

    /// <summary>True for rules about the whole dataset rather than one field.</summary>
    public static bool IsDatasetRule(RuleType type) => type is RuleType.RowCount or RuleType.Freshness;
}
