namespace Concordat.Core.Linkage;

/// <summary>One change to a record's person link, from the store's feed of link changes.</summary>
/// <param name="Sequence">Its position in the feed; positions grow in commit order.</param>
/// <param name="Record">The record whose link changed.</param>
/// <param name="PersonId">The record's person now (read when the feed is read, so it may be newer than the change), or null when it is linked to none.</param>
public sealed record PersonLinkChange(long Sequence, RecordRef Record, string? PersonId);
