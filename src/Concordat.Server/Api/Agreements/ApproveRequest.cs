namespace Concordat.Server.Api.Agreements;

/// <summary>Body of <c>POST /api/v1/agreements/{id}/approve</c>.</summary>
/// <param name="Role"><c>steward</c> (data scope) or <c>dpo</c> (lawfulness).</param>
/// <param name="Reason">Optional note for the history.</param>
public sealed record ApproveRequest(string? Role, string? Reason);
