namespace Concordat.Core.Audit;

/// <summary>An entry as stored: its index, the entry and the leaf hash recorded when it was appended.</summary>
/// <param name="Index">0-based position in the log.</param>
/// <param name="Entry">The entry.</param>
/// <param name="LeafHash">The leaf hash stored with the entry (32 bytes).</param>
public sealed record LoggedAuditEntry(long Index, AuditEntry Entry, byte[] LeafHash);
