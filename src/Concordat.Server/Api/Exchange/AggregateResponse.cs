using Concordat.Core.Exchange;

namespace Concordat.Server.Api.Exchange;

/// <summary>An aggregate table after small-cell suppression and rounding.</summary>
/// <param name="AgreementId">The agreement relied on.</param>
/// <param name="GroupBy">The grouping fields.</param>
/// <param name="Sums">The summed fields.</param>
/// <param name="Cells">The published groups, in label order; suppressed groups are left out, labels and all.</param>
/// <param name="Suppressed">How many groups were suppressed, by reason.</param>
/// <param name="Total">The rounded total, or null when it is itself too small to publish.</param>
/// <param name="Threshold">Counts below this are suppressed.</param>
/// <param name="RoundingBase">Published counts are rounded to a multiple of this.</param>
/// <param name="AuditIndex">The audit log entry recording the query.</param>
public sealed record AggregateResponse(
    string AgreementId,
    IReadOnlyList<string> GroupBy,
    IReadOnlyList<string> Sums,
    IReadOnlyList<AggregateCellResponse> Cells,
    SuppressedCellsResponse Suppressed,
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
            table.Cells.Select(c => new AggregateCellResponse(c.Group, c.Count!.Value, c.Sums!)).ToList(),
            new SuppressedCellsResponse(table.PrimarySuppressed, table.SecondarySuppressed),
            table.Total,
            table.Rules.Threshold,
            table.Rules.RoundingBase,
            result.AuditIndex);
    }
}
