namespace Concordat.Core.Audit;

/// <summary>An RFC 9162 section 2.1.4 consistency proof between two signed tree sizes, from the engine's verified tree.</summary>
/// <param name="From">The older size (0 &lt; From &lt; To).</param>
/// <param name="To">The newer size.</param>
/// <param name="FromRootHash">The older tree's root.</param>
/// <param name="ToRootHash">The newer tree's root.</param>
/// <param name="Hashes">The proof.</param>
public sealed record ConsistencyProof(long From, long To, byte[] FromRootHash, byte[] ToRootHash, IReadOnlyList<byte[]> Hashes);
