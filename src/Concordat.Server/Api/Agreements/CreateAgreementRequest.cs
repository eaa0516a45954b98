using Concordat.Core.Governance;

namespace Concordat.Server.Api.Agreements;

/// <summary>Body of <c>POST /api/v1/agreements</c>: a new draft.</summary>
/// <param name="Id">The agreement id (slug).</param>
/// <param name="Terms">The drafted terms; every missing or inconsistent element is reported.</param>
/// <param name="Reason">Optional note for the history.</param>
public sealed record CreateAgreementRequest(string Id, AgreementDraft? Terms, string? Reason);
