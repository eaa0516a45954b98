namespace Concordat.Core.Governance;

/// <summary>One group of an aggregate before disclosure control: the group's values, its count and its sums.</summary>
/// <param name="Group">The values of the group-by fields, in order.</param>
/// <param name="Count">Records in the group.</param>
/// <param name="Sums">Sums of the measure fields, in order.</param>
public sealed record AggregateCell(IReadOnlyList<string?> Group, long Count, IReadOnlyList<decimal> Sums);
