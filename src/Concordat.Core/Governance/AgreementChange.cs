namespace Concordat.Core.Governance;

/// <summary>One entry of an agreement's history: who changed what, when and why, and the terms it left.</summary>
/// <param name="AgreementId">The agreement.</param>
/// <param name="Revision">1 for the first entry, incremented per change; also the optimistic-concurrency token.</param>
/// <param name="Version">The terms version after the change.</param>
/// <param name="Action">What happened.</param>
/// <param name="ActorClientId">The client that made the change (<c>concordat-hub</c> for the clock).</param>
/// <param name="ActorOrganisationId">Its organisation.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Reason">Why, as the actor wrote it.</param>
/// <param name="StatusAfter">The status after the change.</param>
public sealed record AgreementChange(
    string AgreementId,
    int Revision,
    int Version,
    AgreementAction Action,
    string ActorClientId,
    string ActorOrganisationId,
    DateTimeOffset At,
    string Reason,
    AgreementStatus StatusAfter)
{
    /// <summary>The role an approval was given in, for <see cref="AgreementAction.Approved"/>.</summary>
    public ApprovalRole? ApprovalRole { get; init; }
}
