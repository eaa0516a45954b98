using Concordat.Core.Ingestion;

namespace Concordat.Server.Api.Runs;

/// <summary>A quarantined source row with every reason it failed.</summary>
/// <param name="RowNumber">1-based row number in the source.</param>
/// <param name="Values">Source values as read.</param>
/// <param name="Reasons">Why it failed.</param>
public sealed record QuarantinedRowResponse(long RowNumber, IReadOnlyDictionary<string, string?> Values, IReadOnlyList<string> Reasons)
{
    /// <summary>Projects a stored row.</summary>
    public static QuarantinedRowResponse From(QuarantinedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.RowNumber, row.Values, row.Reasons);
    }
}
