namespace Concordat.Core.Linkage;

/// <summary>A current record of a hub dataset, as the linkage reads it.</summary>
/// <param name="Ref">Which record.</param>
/// <param name="RecordedAt">When its current version was written; "most recent" survivorship uses it.</param>
/// <param name="Fields">Field values by name; null or absent for missing.</param>
public sealed record HubRecord(RecordRef Ref, DateTimeOffset RecordedAt, IReadOnlyDictionary<string, string?> Fields);
