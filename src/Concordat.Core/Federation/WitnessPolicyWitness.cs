namespace Concordat.Core.Federation;

/// <summary>A <c>witness</c> line of a witness policy.</summary>
/// <param name="Name">The name the quorum and groups use.</param>
/// <param name="Key">The witness's cosigning key (type 0x04).</param>
/// <param name="Url">The optional submission prefix URL (c2sp.org/tlog-witness).</param>
public sealed record WitnessPolicyWitness(string Name, NoteVerifierKey Key, string? Url);
