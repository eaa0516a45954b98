namespace Concordat.Core.Governance;

/// <summary>An aggregate ready to disclose.</summary>
/// <param name="Cells">The cells in input order.</param>
/// <param name="Total">The total count rounded to the base, or null when below the threshold.</param>
/// <param name="Rules">The rules applied.</param>
public sealed record AggregateTable(IReadOnlyList<DisclosedCell> Cells, long? Total, SuppressionRules Rules);
