using Concordat.Core.Governance;

namespace Concordat.Server.Api.Agreements;

/// <summary>Body of <c>PUT /api/v1/agreements/{id}/terms</c>: the next version of the terms.</summary>
/// <param name="Terms">The new terms in full.</param>
/// <param name="Reason">Why; required unless the agreement is still a draft.</param>
public sealed record AmendAgreementRequest(AgreementDraft? Terms, string? Reason);
