namespace Concordat.Core.Governance;

/// <summary>
/// A data sharing agreement: its current terms, version and lifecycle state. Immutable; every change makes a new
/// value (and, in storage, a history entry). The stored <see cref="Status"/> can lag the clock, so decisions use
/// <see cref="StatusAt"/>, which derives active and expired from the dates.
/// </summary>
/// <param name="Id">Stable slug, e.g. <c>dwp-hmrc-pension-credit</c>.</param>
/// <param name="Version">Terms version, starting at 1 and incremented on every change of terms.</param>
/// <param name="Terms">What the agreement says.</param>
/// <param name="Status">The stored lifecycle state.</param>
public sealed record Agreement(string Id, int Version, AgreementTerms Terms, AgreementStatus Status)
{
    /// <summary>How many changes the agreement has had (its history length); the optimistic-concurrency token.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>Approvals of the current version; cleared when the terms change.</summary>
    public IReadOnlyList<AgreementApproval> Approvals { get; init; } = [];

    /// <summary>The client that drafted the current version (it may not approve it).</summary>
    public required string DraftedBy { get; init; }

    /// <summary>The client that submitted the current version for approval, if submitted (it may not approve it).</summary>
    public string? SubmittedBy { get; init; }

    /// <summary>When the agreement was first drafted (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the agreement last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Why the agreement was last suspended or revoked, for the register.</summary>
    public string? StatusReason { get; init; }

    /// <summary>The latest version that received both approvals; null until the first is approved. Puts it on the public register.</summary>
    public int? LastApprovedVersion { get; init; }

    /// <summary>
    /// The id of the current pseudonymisation key; set once the agreement is approved in pseudonymised mode.
    /// </summary>
    public string? PseudonymKeyId { get; init; }

    /// <summary>
    /// The state at <paramref name="now"/>: an approved agreement is active from its start date, and an approved,
    /// active or suspended agreement is expired from its end date, whether or not anything has stored that yet.
    /// </summary>
    public AgreementStatus StatusAt(DateTimeOffset now)
    {
        switch (Status)
        {
            case AgreementStatus.Approved or AgreementStatus.Active or AgreementStatus.Suspended when now >= Terms.EndsAt:
                return AgreementStatus.Expired;
            case AgreementStatus.Approved or AgreementStatus.Active:
                return now >= Terms.StartsAt ? AgreementStatus.Active : AgreementStatus.Approved;
            default:
                return Status;
        }
    }
}
