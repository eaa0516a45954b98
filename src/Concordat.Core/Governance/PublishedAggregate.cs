namespace Concordat.Core.Governance;

/// <summary>
/// What an aggregate query may hand to a consumer: the published cells with their labels, and only the number of
/// suppressed cells. A suppressed cell's labels are withheld as well as its count, because the mere existence of a
/// rare combination (a year of birth, a district, a benefit in a small area) says that somebody has it.
/// </summary>
/// <param name="Cells">The published cells, ordered by their labels (ordinal; a missing value first).</param>
/// <param name="PrimarySuppressed">Cells hidden because their count is below the threshold.</param>
/// <param name="SecondarySuppressed">Cells hidden so that a primary-suppressed cell cannot be recovered from totals.</param>
/// <param name="Total">The total count rounded to the base, or null when below the threshold.</param>
/// <param name="Rules">The rules applied.</param>
public sealed record PublishedAggregate(IReadOnlyList<DisclosedCell> Cells, int PrimarySuppressed, int SecondarySuppressed, long? Total, SuppressionRules Rules);
