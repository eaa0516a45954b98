namespace Concordat.Server.Api.Records;

/// <summary>The body of a record look-up: the key travels in the body, never in a URL, because it is often a NINO.</summary>
/// <param name="Key">The record key (primary key values joined by <c>|</c>).</param>
public sealed record RecordKeyRequest(string? Key);
