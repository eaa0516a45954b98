using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Concordat.Core.Federation;

/// <summary>
/// Ed25519 witness cosignatures as c2sp.org/tlog-cosignature defines them (<c>cosignature/v1</c>, key type 0x04): a
/// note signature line whose bytes are the 4-byte key id, a big-endian u64 POSIX timestamp and the 64-byte Ed25519
/// signature over <c>"cosignature/v1\ntime &lt;timestamp&gt;\n"</c> followed by the checkpoint's whole note body.
/// </summary>
public static class Cosignature
{
    /// <summary>The header line that separates cosignatures from every other signed text.</summary>
    public const string Header = "cosignature/v1";

    /// <summary>Bytes after the key id: the 8-byte timestamp and the 64-byte signature.</summary>
    public const int SignatureLength = 8 + 64;

    /// <summary>The message a cosigner signs for <paramref name="checkpointBody"/> at <paramref name="timestamp"/> (seconds since 1970).</summary>
    public static byte[] Message(string checkpointBody, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(checkpointBody);
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        return Encoding.UTF8.GetBytes($"{Header}\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n{checkpointBody}");
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is a cosignature by <paramref name="key"/> (type 0x04, same name and key id)
    /// over <paramref name="checkpointBody"/>; <paramref name="timestamp"/> is its time when it is.
    /// </summary>
    public static bool Verify(NoteVerifierKey key, string checkpointBody, NoteSignature signature, out long timestamp)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(checkpointBody);
        ArgumentNullException.ThrowIfNull(signature);
        timestamp = 0;
        if (key.SignatureType != NoteVerifierKey.CosignatureV1Type || signature.KeyId != key.KeyId
            || !string.Equals(signature.KeyName, key.Name, StringComparison.Ordinal) || signature.Signature.Length != SignatureLength)
        {
            return false;
        }

        var bytes = signature.Signature.Span;
        var time = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        if (time > long.MaxValue
            || !PublicKey.TryImport(SignatureAlgorithm.Ed25519, key.PublicKey, KeyBlobFormat.RawPublicKey, out var publicKey) || publicKey is null)
        {
            return false;
        }

        if (!SignatureAlgorithm.Ed25519.Verify(publicKey, Message(checkpointBody, (long)time), bytes[8..]))
        {
            return false;
        }

        timestamp = (long)time;
        return true;
    }

    /// <summary>
    /// The policy's witnesses whose cosignature on <paramref name="note"/> verifies, and whether they meet its quorum.
    /// Signature lines by keys the policy does not list are ignored, as the specification requires.
    /// </summary>
    /// <param name="note">The checkpoint note with its cosignatures.</param>
    /// <param name="policy">The witness policy.</param>
    /// <param name="logOwner">The witness run by the log's own node, whose cosignature never counts for its own log; null for none.</param>
    public static WitnessQuorum CheckQuorum(SignedNote note, WitnessPolicy policy, string? logOwner = null)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(policy);
        var cosigned = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var witness in policy.Witnesses.Where(w => !string.Equals(w.Name, logOwner, StringComparison.Ordinal)))
        {
            if (note.Signatures.Any(s => Verify(witness.Key, note.Text, s, out _)))
            {
                cosigned.Add(witness.Name);
            }
        }

        var missing = policy.Witnesses.Select(w => w.Name).Where(n => !cosigned.Contains(n) && !string.Equals(n, logOwner, StringComparison.Ordinal)).ToList();
        return new WitnessQuorum(policy.IsSatisfiedBy(cosigned), policy.Quorum, [.. cosigned], missing);
    }
}
