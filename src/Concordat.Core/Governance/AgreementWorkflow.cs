using Concordat.Core.Catalogue;

namespace Concordat.Core.Governance;

/// <summary>
/// The agreement lifecycle as pure rules: draft -> submitted -> approved (provider steward AND provider data
/// protection officer, two different clients, neither the drafter nor the submitter) -> active from the start date
/// -> suspended / revoked by the provider, expired at the end date. A refused approval sends it back to draft. Each method returns the next state and its history
/// entry, or a failure that changes nothing: conflict for a transition out of order, forbidden for the wrong actor.
/// </summary>
public static class AgreementWorkflow
{
    private const int MaxReasonLength = 2000;

    /// <summary>Drafts a new agreement (version 1, revision 1). The drafter must act for the provider or the consumer.</summary>
    public static Result<AgreementTransition> Draft(string id, AgreementTerms terms, AgreementActor actor, DateTimeOffset now, string? reason)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(actor);
        if (!SchemaRules.IsValidSlug(id))
        {
            return Error.Validation("agreement.invalid_id", "id must be 2 to 64 lower-case letters, digits and hyphens, starting with a letter.", "id");
        }

        if (PartyProblem(terms, actor) is { } problem)
        {
            return problem;
        }

        var agreement = new Agreement(id, 1, terms, AgreementStatus.Draft) { DraftedBy = actor.ClientId, CreatedAt = now, UpdatedAt = now, Revision = 1 };
        return new AgreementTransition(agreement, Change(agreement, AgreementAction.Drafted, actor, now, reason ?? "Drafted."));
    }

    /// <summary>
    /// Replaces the terms with a new version. A draft stays a draft; a submitted, approved, active or suspended
    /// agreement goes back to submitted with its approvals cleared, so it shares nothing until approved again.
    /// </summary>
    public static Result<AgreementTransition> Amend(Agreement agreement, AgreementTerms terms, AgreementActor actor, DateTimeOffset now, string? reason)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(actor);
        var status = agreement.StatusAt(now);
        if (status is AgreementStatus.Revoked or AgreementStatus.Expired)
        {
            return OutOfOrder(agreement, status, "amend");
        }

        if (!string.Equals(terms.ProviderOrganisationId, agreement.Terms.ProviderOrganisationId, StringComparison.Ordinal)
            || !string.Equals(terms.ConsumerOrganisationId, agreement.Terms.ConsumerOrganisationId, StringComparison.Ordinal))
        {
            return Error.Validation("agreement.parties_fixed", "An amendment cannot change the provider or the consumer; draft a new agreement instead.", "providerOrganisationId");
        }

        if (PartyProblem(agreement.Terms, actor) is { } problem)
        {
            return problem;
        }

        if (status != AgreementStatus.Draft && RequireReason(reason) is { } missing)
        {
            return missing;
        }

        var next = agreement with
        {
            Version = agreement.Version + 1,
            Terms = terms,
            Status = status == AgreementStatus.Draft ? AgreementStatus.Draft : AgreementStatus.Submitted,
            Approvals = [],
            DraftedBy = actor.ClientId,
            SubmittedBy = status == AgreementStatus.Draft ? null : actor.ClientId,
            StatusReason = null,
        };
        return Advance(agreement, next, AgreementAction.Amended, actor, now, reason ?? "Amended.");
    }

    /// <summary>Submits a draft for approval; the submitter must act for the provider or the consumer.</summary>
    public static Result<AgreementTransition> Submit(Agreement agreement, AgreementActor actor, DateTimeOffset now, string? reason)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(actor);
        var status = agreement.StatusAt(now);
        if (status != AgreementStatus.Draft)
        {
            return OutOfOrder(agreement, status, "submit");
        }

        if (PartyProblem(agreement.Terms, actor) is { } problem)
        {
            return problem;
        }

        if (now >= agreement.Terms.EndsAt)
        {
            return Error.Conflict("agreement.end_date_passed", $"Agreement '{agreement.Id}' ends on {agreement.Terms.EndDate:yyyy-MM-dd}, which has passed; amend its dates first.");
        }

        var next = agreement with { Status = AgreementStatus.Submitted, SubmittedBy = actor.ClientId };
        return Advance(agreement, next, AgreementAction.Submitted, actor, now, reason ?? "Submitted for approval.");
    }

    /// <summary>
    /// Records one approval. The approver must act for the provider and hold the role it approves in; may not be the
    /// client that drafted or submitted this version; and may not give both approvals. The second approval makes the
    /// agreement approved (active from its start date).
    /// </summary>
    public static Result<AgreementTransition> Approve(Agreement agreement, ApprovalRole role, AgreementActor actor, DateTimeOffset now, string? reason)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(actor);
        var status = agreement.StatusAt(now);
        if (status != AgreementStatus.Submitted)
        {
            return OutOfOrder(agreement, status, "approve");
        }

        if (!actor.IsOf(agreement.Terms.ProviderOrganisationId))
        {
            return Error.Forbidden("agreement.approver_not_provider", $"Only the provider '{agreement.Terms.ProviderOrganisationId}' approves this agreement; a consumer cannot approve.");
        }

        var needed = role == ApprovalRole.Steward ? ClientRole.Steward : ClientRole.Dpo;
        if (!actor.Roles.HasFlag(needed))
        {
            return Error.Forbidden("agreement.wrong_role", role == ApprovalRole.Steward
                ? "The data scope approval needs the provider's data steward."
                : "The lawfulness approval needs the provider's data protection officer (dpo role).");
        }

        if (string.Equals(actor.ClientId, agreement.DraftedBy, StringComparison.Ordinal) || string.Equals(actor.ClientId, agreement.SubmittedBy, StringComparison.Ordinal))
        {
            return Error.Forbidden("agreement.self_approval", "No one approves their own request: this client drafted or submitted this version.");
        }

        foreach (var approval in agreement.Approvals)
        {
            if (approval.Role == role)
            {
                return Error.Conflict("agreement.already_approved", $"Version {agreement.Version} already has the {RoleName(role)} approval.");
            }

            if (string.Equals(approval.ClientId, actor.ClientId, StringComparison.Ordinal))
            {
                return Error.Forbidden("agreement.second_approval_same_client", "The steward and data protection officer approvals must come from two different clients.");
            }
        }

        if (now >= agreement.Terms.EndsAt)
        {
            return Error.Conflict("agreement.end_date_passed", $"Agreement '{agreement.Id}' ends on {agreement.Terms.EndDate:yyyy-MM-dd}, which has passed; amend its dates first.");
        }

        var approvals = agreement.Approvals.Append(new AgreementApproval(role, actor.ClientId, actor.OrganisationId, now)).ToList();
        var complete = approvals.Count == 2;
        var next = agreement with
        {
            Approvals = approvals,
            Status = complete ? AgreementStatus.Approved : AgreementStatus.Submitted,
            LastApprovedVersion = complete ? agreement.Version : agreement.LastApprovedVersion,
        };
        var result = Advance(agreement, next, AgreementAction.Approved, actor, now, reason ?? $"Approved by the {RoleName(role)}.");
        return result.IsSuccess ? result.Value with { Change = result.Value.Change with { ApprovalRole = role } } : result;
    }

    /// <summary>
    /// Refuses approval of the submitted version, in one role, with a reason: the agreement goes back to draft with its
    /// approvals cleared, so a party can amend it and submit it again. The refuser must act for the provider and hold
    /// the role it refuses in (the same test as <see cref="Approve"/>); the drafter and submitter may not refuse their
    /// own request, just as they may not approve it.
    /// </summary>
    public static Result<AgreementTransition> Reject(Agreement agreement, ApprovalRole role, AgreementActor actor, DateTimeOffset now, string? reason)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(actor);
        var status = agreement.StatusAt(now);
        if (status != AgreementStatus.Submitted)
        {
            return OutOfOrder(agreement, status, "reject");
        }

        if (!actor.IsOf(agreement.Terms.ProviderOrganisationId))
        {
            return Error.Forbidden("agreement.approver_not_provider", $"Only the provider '{agreement.Terms.ProviderOrganisationId}' approves or rejects this agreement; a consumer cannot.");
        }

        var needed = role == ApprovalRole.Steward ? ClientRole.Steward : ClientRole.Dpo;
        if (!actor.Roles.HasFlag(needed))
        {
            return Error.Forbidden("agreement.wrong_role", role == ApprovalRole.Steward
                ? "The data scope decision needs the provider's data steward."
                : "The lawfulness decision needs the provider's data protection officer (dpo role).");
        }

        if (string.Equals(actor.ClientId, agreement.DraftedBy, StringComparison.Ordinal) || string.Equals(actor.ClientId, agreement.SubmittedBy, StringComparison.Ordinal))
        {
            return Error.Forbidden("agreement.self_approval", "No one decides on their own request: this client drafted or submitted this version.");
        }

        if (RequireReason(reason) is { } missing)
        {
            return missing;
        }

        var next = agreement with { Status = AgreementStatus.Draft, Approvals = [], SubmittedBy = null };
        var result = Advance(agreement, next, AgreementAction.Rejected, actor, now, reason!);
        return result.IsSuccess ? result.Value with { Change = result.Value.Change with { ApprovalRole = role } } : result;
    }

    /// <summary>Suspends an approved or active agreement; the provider's steward or data protection officer, with a reason.</summary>
    public static Result<AgreementTransition> Suspend(Agreement agreement, AgreementActor actor, DateTimeOffset now, string? reason) =>
        ProviderAction(agreement, actor, now, reason, "suspend", [AgreementStatus.Approved, AgreementStatus.Active], AgreementStatus.Suspended, AgreementAction.Suspended);

    /// <summary>Resumes a suspended agreement (approved again, so active within its term); the provider, with a reason.</summary>
    public static Result<AgreementTransition> Resume(Agreement agreement, AgreementActor actor, DateTimeOffset now, string? reason) =>
        ProviderAction(agreement, actor, now, reason, "resume", [AgreementStatus.Suspended], AgreementStatus.Approved, AgreementAction.Resumed);

    /// <summary>Revokes an agreement at any point before it ends; final. The provider, with a reason.</summary>
    public static Result<AgreementTransition> Revoke(Agreement agreement, AgreementActor actor, DateTimeOffset now, string? reason) =>
        ProviderAction(agreement, actor, now, reason, "revoke", [AgreementStatus.Submitted, AgreementStatus.Approved, AgreementStatus.Active, AgreementStatus.Suspended], AgreementStatus.Revoked, AgreementAction.Revoked);

    /// <summary>
    /// The change the clock makes, if any: approved to active on the start date, and to expired on the end date.
    /// Returns null when the stored status already matches the clock.
    /// </summary>
    public static AgreementTransition? Settle(Agreement agreement, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var status = agreement.StatusAt(now);
        if (status == agreement.Status)
        {
            return null;
        }

        var action = status == AgreementStatus.Expired ? AgreementAction.Expired : AgreementAction.Activated;
        var reason = action == AgreementAction.Expired ? "The end date came." : "The start date came.";
        var next = agreement with { Status = status, Revision = agreement.Revision + 1, UpdatedAt = now };
        return new AgreementTransition(next, Change(next, action, AgreementActor.System, now, reason));
    }

    /// <summary>The wire name of an approval role.</summary>
    public static string RoleName(ApprovalRole role) => role == ApprovalRole.Steward ? "steward" : "data protection officer";

    private static Result<AgreementTransition> ProviderAction(
        Agreement agreement, AgreementActor actor, DateTimeOffset now, string? reason, string verb, AgreementStatus[] from, AgreementStatus to, AgreementAction action)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(actor);
        var status = agreement.StatusAt(now);
        if (!from.Contains(status))
        {
            return OutOfOrder(agreement, status, verb);
        }

        if (!actor.IsOf(agreement.Terms.ProviderOrganisationId) || (actor.Roles & (ClientRole.Steward | ClientRole.Dpo)) == 0)
        {
            return Error.Forbidden("agreement.provider_only", $"Only the provider's steward or data protection officer may {verb} this agreement.");
        }

        if (RequireReason(reason) is { } missing)
        {
            return missing;
        }

        var next = agreement with { Status = to, StatusReason = action == AgreementAction.Resumed ? null : reason!.Trim() };
        return Advance(agreement, next, action, actor, now, reason!);
    }

    private static Result<AgreementTransition> Advance(Agreement before, Agreement next, AgreementAction action, AgreementActor actor, DateTimeOffset now, string reason)
    {
        if (reason.Length > MaxReasonLength)
        {
            return Error.Validation("agreement.reason_too_long", $"reason must be at most {MaxReasonLength} characters.", "reason");
        }

        var advanced = next with { Revision = before.Revision + 1, UpdatedAt = now };
        return new AgreementTransition(advanced, Change(advanced, action, actor, now, reason));
    }

    private static AgreementChange Change(Agreement agreement, AgreementAction action, AgreementActor actor, DateTimeOffset now, string reason) =>
        new(agreement.Id, agreement.Revision, agreement.Version, action, actor.ClientId, actor.OrganisationId, now, reason.Trim(), agreement.Status);

    private static Error? PartyProblem(AgreementTerms terms, AgreementActor actor)
    {
        if (!actor.IsOf(terms.ProviderOrganisationId) && !actor.IsOf(terms.ConsumerOrganisationId))
        {
            return Error.Forbidden("agreement.not_party", "Only the provider or the consumer may draft, amend or submit this agreement.");
        }

        return (actor.Roles & (ClientRole.Steward | ClientRole.Consumer | ClientRole.Dpo)) == 0
            ? Error.Forbidden("agreement.not_party", "Drafting needs a steward, consumer or data protection officer client.")
            : null;
    }

    private static Error? RequireReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? Error.Validation("agreement.reason_required", "reason is required: say why, for the agreement's history.", "reason")
            : null;

    private static Error OutOfOrder(Agreement agreement, AgreementStatus status, string verb)
    {
        var hint = status switch
        {
            AgreementStatus.Draft => "submit it first",
            AgreementStatus.Submitted => "it is awaiting approval",
            AgreementStatus.Approved => "it is approved and waits for its start date",
            AgreementStatus.Active => "it is active",
            AgreementStatus.Suspended => "it is suspended",
            AgreementStatus.Revoked => "it was revoked, which is final",
            _ => "it has expired, which is final",
        };
        return Error.Conflict("agreement.invalid_transition", $"Cannot {verb} agreement '{agreement.Id}' while it is {status.ToString().ToLowerInvariant()}: {hint}.");
    }
}
