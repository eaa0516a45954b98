namespace Concordat.Server.Portal.Impact;

/// <summary>What sharing achieved over one slice (the whole, an agreement or a month).</summary>
/// <param name="Label">The slice in words.</param>
/// <param name="Href">A page about the slice, if any.</param>
/// <param name="Answered">Requests answered: permitted look-ups, verifications, extracts and aggregate queries.</param>
/// <param name="Verified">Verifications that found the person's record, so the citizen did not have to send evidence.</param>
/// <param name="Refused">Requests refused.</param>
/// <param name="Approvals">Agreements first approved in the slice.</param>
/// <param name="MedianDaysToApproval">Median days from first draft to full approval, or null when none was approved.</param>
public sealed record ImpactFigures(string Label, string? Href, long Answered, long Verified, long Refused, int Approvals, double? MedianDaysToApproval);
