namespace Concordat.Core.Linkage;

/// <summary>
/// How one column is compared: ordered levels, most alike first. A pair whose value is missing on either side is at
/// the null level (weight 0); one that meets no level is at the implicit "else" level.
/// </summary>
public sealed record ComparisonSettings
{
    /// <summary>Name shown in reports; the column name when omitted.</summary>
    public string? Name { get; init; }

    /// <summary>The column compared; must be one of the settings' columns.</summary>
    public required string Column { get; init; }

    /// <summary>The levels, most alike first; at least one.</summary>
    public required IReadOnlyList<ComparisonLevelSettings> Levels { get; init; }

    /// <summary>The name to show.</summary>
    public string DisplayName => Name ?? Column;
}
