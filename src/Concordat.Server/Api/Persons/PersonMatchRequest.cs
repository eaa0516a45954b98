namespace Concordat.Server.Api.Persons;

/// <summary>One record to match against the hub's persons.</summary>
/// <param name="Record">Column name to value: any subset of the linkage settings' columns.</param>
/// <param name="Limit">The most candidate persons to return, 1 to 100 (default 10).</param>
/// <param name="MinProbability">The least match probability a candidate needs, 0 up to 1 (default 0.5).</param>
public sealed record PersonMatchRequest(IReadOnlyDictionary<string, string?>? Record, int? Limit, double? MinProbability);
