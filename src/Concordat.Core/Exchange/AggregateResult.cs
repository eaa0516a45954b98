using Concordat.Core.Governance;

namespace Concordat.Core.Exchange;

/// <summary>An aggregate table after disclosure control: small cells suppressed, counts rounded, totals protected.</summary>
/// <param name="AgreementId">The agreement relied on.</param>
/// <param name="GroupBy">The grouping fields, in the order of each cell's group values.</param>
/// <param name="Sums">The summed fields, in the order of each cell's sums.</param>
/// <param name="Table">The published cells, the number suppressed, and the total; never a suppressed cell's labels.</param>
/// <param name="AuditIndex">The audit log entry recording the query.</param>
public sealed record AggregateResult(string AgreementId, IReadOnlyList<string> GroupBy, IReadOnlyList<string> Sums, PublishedAggregate Table, long AuditIndex);
