namespace Concordat.Server.Api.Persons;

/// <summary>One record to match, under a data sharing agreement, against the persons resolved from the shared dataset.</summary>
/// <param name="AgreementId">The data sharing agreement relied on.</param>
/// <param name="Purpose">The purpose code, which must be the agreement's.</param>
/// <param name="DatasetId">The provider's dataset whose records may be matched.</param>
/// <param name="Record">Field name to value: only fields the agreement shares as held, and that the linkage settings compare.</param>
/// <param name="Limit">The most candidates to return, 1 to 100 (default 10).</param>
/// <param name="MinProbability">The least match probability a candidate needs, 0 up to 1 (default 0.5).</param>
public sealed record ConsumerMatchRequest(string? AgreementId, string? Purpose, string? DatasetId, IReadOnlyDictionary<string, string?>? Record, int? Limit, double? MinProbability);
