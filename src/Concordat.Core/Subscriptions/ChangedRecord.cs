namespace Concordat.Core.Subscriptions;

/// <summary>A record version written by one ingest run, with the version before it when there was one.</summary>
/// <param name="Key">The record key.</param>
/// <param name="IsDeleted">True for a tombstone.</param>
/// <param name="PayloadJson">The new payload (an empty object for a tombstone).</param>
/// <param name="PreviousPayloadJson">The payload of the version before, or null for a new record.</param>
public sealed record ChangedRecord(string Key, bool IsDeleted, string PayloadJson, string? PreviousPayloadJson);
