namespace Concordat.Server.Api.Agreements;

/// <summary>Body of <c>POST /api/v1/agreements/{id}/check</c>: asks the policy engine what the caller may receive.</summary>
/// <param name="DatasetId">The dataset.</param>
/// <param name="Fields">Fields wanted; empty or absent for every agreed field.</param>
/// <param name="PurposeCode">The purpose of the request.</param>
/// <param name="SubjectId">The person concerned, for a single-person request under a consent basis.</param>
public sealed record CheckRequest(string? DatasetId, IReadOnlyList<string>? Fields, string? PurposeCode, string? SubjectId);
