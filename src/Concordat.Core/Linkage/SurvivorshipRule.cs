namespace Concordat.Core.Linkage;

/// <summary>The survivorship strategy for one golden-record field.</summary>
public sealed record SurvivorshipRule
{
    /// <summary>The field (a settings column).</summary>
    public required string Field { get; init; }

    /// <summary>How its value is chosen.</summary>
    public required SurvivorshipStrategy Strategy { get; init; }
}
