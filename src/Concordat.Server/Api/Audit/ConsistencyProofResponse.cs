namespace Concordat.Server.Api.Audit;

/// <summary>An RFC 9162 consistency proof between two tree sizes; hashes base64.</summary>
/// <param name="From">The older size.</param>
/// <param name="To">The newer size.</param>
/// <param name="FromRootHash">Root of the older tree, base64.</param>
/// <param name="ToRootHash">Root of the newer tree, base64.</param>
/// <param name="Hashes">The proof.</param>
public sealed record ConsistencyProofResponse(long From, long To, string FromRootHash, string ToRootHash, IReadOnlyList<string> Hashes);
