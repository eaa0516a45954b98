namespace Concordat.Core.Audit;

/// <summary>
/// A signed statement of the log's state: its origin, size and root hash at a time, signed with ECDSA P-256
/// (SHA-256, IEEE P1363 r||s) over the UTF-8 of <see cref="Body"/>. Anyone with the public key can check it offline,
/// and a later checkpoint's consistency proof shows the log only grew.
/// </summary>
/// <param name="Origin">Names the log (one hub), so a checkpoint of one log cannot be passed off as another's.</param>
/// <param name="TreeSize">Number of entries covered.</param>
/// <param name="RootHash">The Merkle root of the first <paramref name="TreeSize"/> entries (32 bytes).</param>
/// <param name="Time">When it was signed, UTC, to the millisecond.</param>
/// <param name="KeyId">The signing key's JWK thumbprint (RFC 7638).</param>
/// <param name="Signature">64-byte P1363 ECDSA signature over the body.</param>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash, DateTimeOffset Time, string KeyId, byte[] Signature)
{
    /// <summary>The signed text: see <see cref="CheckpointBody"/>.</summary>
    public string Body() => CheckpointBody.Format(Origin, TreeSize, RootHash, Time);
}
