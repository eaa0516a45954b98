using Concordat.Core.Governance;

namespace Concordat.Server.Api.Exchange;

/// <summary>One group of an aggregate table.</summary>
/// <param name="Group">The group's values, in the order of groupBy.</param>
/// <param name="Count">The rounded count; null when suppressed.</param>
/// <param name="Sums">The sums; null when suppressed.</param>
/// <param name="Suppressed">primary (too small) or secondary (would reveal a small cell through the totals); null when published.</param>
public sealed record AggregateCellResponse(IReadOnlyList<string?> Group, long? Count, IReadOnlyList<decimal>? Sums, CellSuppression? Suppressed);
