namespace Concordat.Core.Linkage;

/// <summary>One input column the linkage uses, and its role.</summary>
public sealed record ColumnSettings
{
    /// <summary>Column name as in the input's header.</summary>
    public required string Name { get; init; }

    /// <summary>What the column holds; <see cref="ColumnRole.Other"/> by default.</summary>
    public ColumnRole Role { get; init; } = ColumnRole.Other;
}
