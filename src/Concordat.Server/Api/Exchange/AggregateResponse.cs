using Concordat.Core.Exchange;
using Concordat.Core.Governance;

namespace Concordat.Server.Api.Exchange;

/// <summary>An aggregate table after small-cell suppression and rounding.</summary>
/// <param name="AgreementId">The agreement relied on.</param>
/// <param name="GroupBy">The grouping fields.</param>
/// <param name="Sums">The summed fields.</param>
/// <param name="Cells">One per group; suppressed cells carry no count or sums.</param>
/// <param name="Total">The rounded total, or null when it is itself too small to publish.</param>
/// <param name="Threshold">Counts below this are suppressed.</param>
/// <param name="RoundingBase">Published counts are rounded to a multiple of this.</param>
/// <param name="AuditIndex">The audit log entry recording the query.</param>
public sealed record AggregateResponse(
    string AgreementId,
    IReadOnlyList<string> GroupBy,
    IReadOnlyList<string> Sums,
    IReadOnlyList<AggregateCellResponse> Cells,
    long? Total,
    int Threshold,
    int RoundingBase,
    long AuditIndex)
{
    /// <summary>Maps a core result.</summary>
    public static AggregateResponse From(AggregateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = result.Table;
        return new AggregateResponse(
            result.AgreementId,
            result.GroupBy,
            result.Sums,
            table.Cells.Select(c => new AggregateCellResponse(c.Group, c.Count, c.Sums, c.Suppression == CellSuppression.None ? null : c.Suppression)).ToList(),
            table.Total,
            table.Rules.Threshold,
            table.Rules.RoundingBase,
            result.AuditIndex);
    }
}
