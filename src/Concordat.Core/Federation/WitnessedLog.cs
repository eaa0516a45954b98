namespace Concordat.Core.Federation;

/// <summary>
/// What a witness keeps per log (c2sp.org/tlog-witness: "the latest checkpoint it observed and verified"): the size
/// and root it last cosigned, and the signed note itself, the log's own statement, kept as evidence.
/// </summary>
/// <param name="Origin">The log's origin.</param>
/// <param name="TreeSize">The size of the latest checkpoint cosigned.</param>
/// <param name="RootHash">Its root hash.</param>
/// <param name="Note">That checkpoint's note as submitted (log signature included).</param>
public sealed record WitnessedLog(string Origin, long TreeSize, byte[] RootHash, string Note);
