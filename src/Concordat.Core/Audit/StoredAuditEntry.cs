namespace Concordat.Core.Audit;

/// <summary>An entry as a ledger returns it: exactly the bytes and leaf hash stored, unchecked.</summary>
/// <param name="Index">The index it is stored at.</param>
/// <param name="Entry">The stored canonical bytes.</param>
/// <param name="LeafHash">The stored leaf hash (32 bytes when untampered).</param>
public sealed record StoredAuditEntry(long Index, byte[] Entry, byte[] LeafHash);
