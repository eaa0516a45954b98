using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Auth;

namespace Concordat.Server.Portal.Agreements;

/// <summary>
/// Which lifecycle forms an agreement page offers the signed-in member: the steps the workflow could accept from them
/// now. Only a hint for the page: every step still goes through <see cref="AgreementService"/>, which decides.
/// </summary>
public sealed record AgreementActions(
    bool Submit,
    bool DecideAsSteward,
    bool DecideAsDpo,
    bool Suspend,
    bool Resume,
    bool Revoke,
    bool Amend,
    bool OwnRequest)
{
    /// <summary>The forms for <paramref name="caller"/> on <paramref name="agreement"/> in status <paramref name="status"/>.</summary>
    public static AgreementActions For(Agreement agreement, AgreementStatus status, CallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(caller);
        var terms = agreement.Terms;
        var provider = string.Equals(caller.OrganisationId, terms.ProviderOrganisationId, StringComparison.Ordinal);
        var party = provider || string.Equals(caller.OrganisationId, terms.ConsumerOrganisationId, StringComparison.Ordinal);
        var officer = (caller.Roles & (ClientRole.Steward | ClientRole.Dpo)) != 0;
        var own = string.Equals(caller.ClientId, agreement.DraftedBy, StringComparison.Ordinal) || string.Equals(caller.ClientId, agreement.SubmittedBy, StringComparison.Ordinal);
        var submitted = status == AgreementStatus.Submitted;
        bool Missing(ApprovalRole role) => agreement.Approvals.All(a => a.Role != role) && agreement.Approvals.All(a => !string.Equals(a.ClientId, caller.ClientId, StringComparison.Ordinal));
        return new AgreementActions(
            Submit: party && officer && status == AgreementStatus.Draft,
            DecideAsSteward: provider && submitted && !own && caller.Roles.HasFlag(ClientRole.Steward) && Missing(ApprovalRole.Steward),
            DecideAsDpo: provider && submitted && !own && caller.Roles.HasFlag(ClientRole.Dpo) && Missing(ApprovalRole.Dpo),
            Suspend: provider && officer && status is AgreementStatus.Approved or AgreementStatus.Active,
            Resume: provider && officer && status == AgreementStatus.Suspended,
            Revoke: provider && officer && status is AgreementStatus.Submitted or AgreementStatus.Approved or AgreementStatus.Active or AgreementStatus.Suspended,
            Amend: party && officer && status is not (AgreementStatus.Revoked or AgreementStatus.Expired),
            OwnRequest: provider && submitted && own);
    }

    /// <summary>True when any form is offered.</summary>
    public bool Any => Submit || DecideAsSteward || DecideAsDpo || Suspend || Resume || Revoke || Amend;
}
