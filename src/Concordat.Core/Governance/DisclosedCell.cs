namespace Concordat.Core.Governance;

/// <summary>One group of an aggregate after disclosure control.</summary>
/// <param name="Group">The values of the group-by fields.</param>
/// <param name="Count">The count rounded to the base, or null when suppressed.</param>
/// <param name="Sums">The sums, or null when suppressed.</param>
/// <param name="Suppression">Why the cell is hidden, if it is.</param>
public sealed record DisclosedCell(IReadOnlyList<string?> Group, long? Count, IReadOnlyList<decimal>? Sums, CellSuppression Suppression);
