namespace Concordat.Core.Governance;

/// <summary>How long an agreement took from its first draft to its first full approval.</summary>
/// <param name="AgreementId">The agreement.</param>
/// <param name="DraftedAt">When it was first drafted (UTC).</param>
/// <param name="ApprovedAt">When it first received both approvals (UTC).</param>
public sealed record ApprovalTime(string AgreementId, DateTimeOffset DraftedAt, DateTimeOffset ApprovedAt)
{
    /// <summary>The time taken in days, with fractions.</summary>
    public double Days => (ApprovedAt - DraftedAt).TotalDays;

    /// <summary>The approval time of an agreement from its history, or null while it has never been approved.</summary>
    public static ApprovalTime? From(IReadOnlyList<AgreementChange> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var drafted = history.FirstOrDefault(c => c.Action == AgreementAction.Drafted);
        var approved = history.FirstOrDefault(c => c.Action == AgreementAction.Approved && c.StatusAfter == AgreementStatus.Approved);
        return drafted is null || approved is null ? null : new ApprovalTime(drafted.AgreementId, drafted.At, approved.At);
    }

    /// <summary>The median of <paramref name="days"/>, or null when there are none.</summary>
    public static double? Median(IEnumerable<double> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var sorted = days.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
