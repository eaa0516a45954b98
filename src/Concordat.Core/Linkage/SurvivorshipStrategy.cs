namespace Concordat.Core.Linkage;

/// <summary>How a golden record picks a field's value among a person's records.</summary>
public enum SurvivorshipStrategy
{
    /// <summary>The value of the most trusted source (first in the source priority) that has one; then most recent.</summary>
    MostTrusted,

    /// <summary>The value of the record written most recently that has one.</summary>
    MostRecent,

    /// <summary>The value of the record with the most fields filled; then most recent.</summary>
    MostComplete,

    /// <summary>The value most records agree on; ties go to the most recent.</summary>
    MostCommon,
}
