namespace Concordat.Core.Governance;

/// <summary>One approval of one version of an agreement.</summary>
/// <param name="Role">The role the approver approved in.</param>
/// <param name="ClientId">The approving client (the signed-in principal).</param>
/// <param name="OrganisationId">The approver's organisation (always the provider).</param>
/// <param name="ApprovedAt">When (UTC).</param>
public sealed record AgreementApproval(ApprovalRole Role, string ClientId, string OrganisationId, DateTimeOffset ApprovedAt);
