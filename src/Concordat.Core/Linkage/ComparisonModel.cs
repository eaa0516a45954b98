namespace Concordat.Core.Linkage;

/// <summary>The trained levels of one comparison, in the settings' order followed by "else" (the null level has weight 0 and is not stored).</summary>
public sealed record ComparisonModel
{
    /// <summary>The comparison's name.</summary>
    public required string Name { get; init; }

    /// <summary>The column compared.</summary>
    public required string Column { get; init; }

    /// <summary>The levels, most alike first, "else" last.</summary>
    public required IReadOnlyList<LevelModel> Levels { get; init; }
}
