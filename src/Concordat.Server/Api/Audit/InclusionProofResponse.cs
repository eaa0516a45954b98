using Concordat.Core.Audit;

namespace Concordat.Server.Api.Audit;

/// <summary>An RFC 9162 inclusion proof at a signed tree size; hashes base64, nearest the leaf first.</summary>
/// <param name="Index">The entry.</param>
/// <param name="TreeSize">The signed tree it is proved against.</param>
/// <param name="LeafHash">The entry's leaf hash, base64.</param>
/// <param name="RootHash">The signed root of the tree of <paramref name="TreeSize"/>, base64.</param>
/// <param name="Hashes">The audit path.</param>
public sealed record InclusionProofResponse(long Index, long TreeSize, string LeafHash, string RootHash, IReadOnlyList<string> Hashes)
{
    /// <summary>Projects a proof.</summary>
    public static InclusionProofResponse Of(InclusionProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return new(proof.Index, proof.TreeSize, Convert.ToBase64String(proof.LeafHash), Convert.ToBase64String(proof.RootHash), [.. proof.Hashes.Select(Convert.ToBase64String)]);
    }
}
