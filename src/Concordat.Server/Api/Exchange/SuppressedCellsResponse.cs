namespace Concordat.Server.Api.Exchange;

/// <summary>How many cells an aggregate withheld; which groups they are is never said.</summary>
/// <param name="Primary">Cells whose count is below the threshold.</param>
/// <param name="Secondary">Cells hidden so that a small cell cannot be worked out from the totals.</param>
public sealed record SuppressedCellsResponse(int Primary, int Secondary);
