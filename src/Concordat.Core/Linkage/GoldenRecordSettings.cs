namespace Concordat.Core.Linkage;

/// <summary>How golden records are built: a default strategy, per-field rules and the trust order of datasets.</summary>
public sealed record GoldenRecordSettings
{
    /// <summary>The strategy for fields without a rule.</summary>
    public SurvivorshipStrategy DefaultStrategy { get; init; } = SurvivorshipStrategy.MostCommon;

    /// <summary>Per-field strategies.</summary>
    public IReadOnlyList<SurvivorshipRule> Rules { get; init; } = [];

    /// <summary>Dataset ids, most trusted first, for <see cref="SurvivorshipStrategy.MostTrusted"/>; unlisted datasets come last.</summary>
    public IReadOnlyList<string> SourcePriority { get; init; } = [];
}
