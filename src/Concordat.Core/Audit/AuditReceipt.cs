namespace Concordat.Core.Audit;

/// <summary>Proof of a durable append: the entry's index in the log and its Merkle leaf hash.</summary>
/// <param name="Index">0-based position in the log.</param>
/// <param name="LeafHash">SHA-256(0x00 || canonical bytes), 32 bytes.</param>
public sealed record AuditReceipt(long Index, byte[] LeafHash);
