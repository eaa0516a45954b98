using System.Globalization;
using Concordat.Core.Audit;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// A signed checkpoint; <c>note</c> is the exact signed text. Saved as it is (for example from
/// <c>GET /api/v1/audit/checkpoints/latest</c>), it is a file <c>concordat audit verify --checkpoint</c> accepts.
/// </summary>
/// <param name="Origin">The log's origin.</param>
/// <param name="TreeSize">Entries covered.</param>
/// <param name="RootHash">Merkle root, base64.</param>
/// <param name="Time">When signed: UTC to the millisecond, in the same text as the note's <c>time</c> line.</param>
/// <param name="KeyId">Signing key's JWK thumbprint.</param>
/// <param name="Signature">ECDSA P-256 P1363 signature over <paramref name="Note"/>, base64.</param>
/// <param name="Note">The signed body text.</param>
public sealed record CheckpointResponse(string Origin, long TreeSize, string RootHash, string Time, string KeyId, string Signature, string Note)
{
    /// <summary>Projects a checkpoint.</summary>
    public static CheckpointResponse From(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new(checkpoint.Origin, checkpoint.TreeSize, Convert.ToBase64String(checkpoint.RootHash),
            checkpoint.Time.UtcDateTime.ToString(AuditExportFormat.CheckpointTimeFormat, CultureInfo.InvariantCulture), checkpoint.KeyId,
            Convert.ToBase64String(checkpoint.Signature), checkpoint.Body());
    }
}
