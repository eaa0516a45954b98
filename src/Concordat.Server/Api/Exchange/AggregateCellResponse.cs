namespace Concordat.Server.Api.Exchange;

/// <summary>One published group of an aggregate table.</summary>
/// <param name="Group">The group's values, in the order of groupBy.</param>
/// <param name="Count">The count, rounded to the rounding base.</param>
/// <param name="Sums">The sums, in the order of sums.</param>
public sealed record AggregateCellResponse(IReadOnlyList<string?> Group, long Count, IReadOnlyList<decimal> Sums);
