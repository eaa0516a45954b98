namespace Concordat.Server.Api.Audit;

/// <summary>An RFC 9162 inclusion proof; hashes base64, nearest the leaf first.</summary>
/// <param name="Index">The entry.</param>
/// <param name="TreeSize">The tree it is proved against.</param>
/// <param name="LeafHash">The entry's leaf hash, base64.</param>
/// <param name="RootHash">The root of the tree of <paramref name="TreeSize"/>, base64.</param>
/// <param name="Hashes">The audit path.</param>
public sealed record InclusionProofResponse(long Index, long TreeSize, string LeafHash, string RootHash, IReadOnlyList<string> Hashes);
