using Concordat.Core.Governance;

namespace Concordat.Server.Api.Agreements;

/// <summary>An agreement as its parties see it.</summary>
public sealed record AgreementResponse(
    string Id,
    int Version,
    int Revision,
    AgreementStatus Status,
    AgreementTerms Terms,
    IReadOnlyList<AgreementApproval> Approvals,
    string DraftedBy,
    string? SubmittedBy,
    string? StatusReason,
    string? PseudonymKeyId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Maps an agreement.</summary>
    public static AgreementResponse From(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return new(agreement.Id, agreement.Version, agreement.Revision, agreement.Status, agreement.Terms, agreement.Approvals, agreement.DraftedBy,
            agreement.SubmittedBy, agreement.StatusReason, agreement.PseudonymKeyId, agreement.CreatedAt, agreement.UpdatedAt);
    }
}
