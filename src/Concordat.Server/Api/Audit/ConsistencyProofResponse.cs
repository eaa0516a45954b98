using Concordat.Core.Audit;

namespace Concordat.Server.Api.Audit;

/// <summary>An RFC 9162 consistency proof between two signed tree sizes; hashes base64.</summary>
/// <param name="From">The older size.</param>
/// <param name="To">The newer size.</param>
/// <param name="FromRootHash">Signed root of the older tree, base64.</param>
/// <param name="ToRootHash">Signed root of the newer tree, base64.</param>
/// <param name="Hashes">The proof.</param>
public sealed record ConsistencyProofResponse(long From, long To, string FromRootHash, string ToRootHash, IReadOnlyList<string> Hashes)
{
    /// <summary>Projects a proof.</summary>
    public static ConsistencyProofResponse Of(ConsistencyProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return new(proof.From, proof.To, Convert.ToBase64String(proof.FromRootHash), Convert.ToBase64String(proof.ToRootHash), [.. proof.Hashes.Select(Convert.ToBase64String)]);
    }
}
