namespace Concordat.Core.Audit;

/// <summary>An entry proved to be in the log of a signed checkpoint (<see cref="EntryProofFile.Verify"/>).</summary>
/// <param name="Index">The entry's index.</param>
/// <param name="Entry">The entry, decoded from the bytes its leaf hash was taken over.</param>
/// <param name="Checkpoint">The checkpoint whose signature verified and whose tree holds the entry.</param>
public sealed record VerifiedEntry(long Index, AuditEntry Entry, Checkpoint Checkpoint);
