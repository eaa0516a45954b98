namespace Concordat.Core.Audit;

/// <summary>An RFC 9162 section 2.1.3 inclusion proof, taken from the engine's verified tree at a signed size.</summary>
/// <param name="Index">The entry.</param>
/// <param name="TreeSize">The signed tree size it is proved in.</param>
/// <param name="LeafHash">The entry's leaf hash as the verified tree holds it.</param>
/// <param name="RootHash">The root of the tree of <paramref name="TreeSize"/> entries (the signed root).</param>
/// <param name="Hashes">The audit path, nearest the leaf first.</param>
public sealed record InclusionProof(long Index, long TreeSize, byte[] LeafHash, byte[] RootHash, IReadOnlyList<byte[]> Hashes);
