namespace Concordat.Server.Api.Agreements;

/// <summary>Body of <c>POST /api/v1/agreements/{id}/approve</c> and <c>/reject</c>.</summary>
/// <param name="Role"><c>steward</c> (data scope) or <c>dpo</c> (lawfulness).</param>
/// <param name="Reason">A note for the history: optional to approve, required to reject.</param>
public sealed record ApproveRequest(string? Role, string? Reason);
