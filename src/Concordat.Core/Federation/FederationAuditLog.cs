namespace Concordat.Core.Federation;

/// <summary>A member node's audit log as the federation knows it.</summary>
/// <param name="Origin">The origin line of the log's checkpoints; equal to the key's name.</param>
/// <param name="Key">The key that signs the log's checkpoints, as a signed-note verifier key.</param>
public sealed record FederationAuditLog(string Origin, NoteVerifierKey Key);
