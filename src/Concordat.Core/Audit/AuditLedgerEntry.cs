namespace Concordat.Core.Audit;

/// <summary>An entry handed to <see cref="IAuditLedger.AppendAsync"/>: encoded and hashed by the engine.</summary>
/// <param name="Index">Its position in the log (0-based).</param>
/// <param name="Entry">The canonical bytes (<see cref="AuditEntryCodec"/>), whose index field is <paramref name="Index"/>.</param>
/// <param name="LeafHash">SHA-256(0x00 || <paramref name="Entry"/>), 32 bytes.</param>
/// <param name="SubjectKeys">The subject keys the entry names, to index for <see cref="IAuditLedger.FindBySubjectAsync"/>.</param>
public sealed record AuditLedgerEntry(long Index, byte[] Entry, byte[] LeafHash, IReadOnlyList<SubjectKey> SubjectKeys);
