using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Numerics;
using System.Text;
using Concordat.Core.Audit;

namespace Concordat.Core.Federation;

/// <summary>
/// A node's audit checkpoint as a c2sp.org/tlog-checkpoint signed note, the form witnesses read and cosign: the
/// checkpoint body, an empty line, and the log's signature line by its type 0x02 vkey (ECDSA P-256, the checkpoint's
/// own signature re-encoded as ASN.1 DER, as signed-note's ECDSA type expects), followed by any cosignature lines.
/// </summary>
public static class CheckpointNote
{
    /// <summary>The note of <paramref name="checkpoint"/>, signed by the log key <paramref name="key"/>, without cosignatures.</summary>
    public static string Format(Checkpoint checkpoint, AuditPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(key);
        var vkey = AuditLogVerifierKey.For(key, checkpoint.Origin);
        var der = ToDer(checkpoint.Signature);
        var payload = new byte[4 + der.Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload, vkey.KeyId);
        der.CopyTo(payload, 4);
        return $"{checkpoint.Body()}\n\u2014 {checkpoint.Origin} {Convert.ToBase64String(payload)}\n";
    }

    /// <summary>
    /// Opens a checkpoint note of a Concordat log: the log key's signature must verify, and the body must be a
    /// Concordat checkpoint body. Cosignature lines are left in the note for the caller to check.
    /// </summary>
    public static Result<(SignedNote Note, Checkpoint Checkpoint)> Open(ReadOnlySpan<byte> bytes, AuditPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parsed = SignedNote.Parse(bytes);
        if (!parsed.IsSuccess)
        {
            return Result<(SignedNote, Checkpoint)>.Failure(parsed.Errors);
        }

        var body = CheckpointBody.Parse(parsed.Value.Text);
        if (!body.IsSuccess)
        {
            return Result<(SignedNote, Checkpoint)>.Failure(body.Errors);
        }

        var (origin, size, root, time) = body.Value;
        var vkey = AuditLogVerifierKey.For(key, origin);
        var opened = SignedNote.Open(bytes, [vkey]);
        if (!opened.IsSuccess)
        {
            return Result<(SignedNote, Checkpoint)>.Failure(opened.Errors);
        }

        var signature = opened.Value.Signatures.First(s => s.KeyId == vkey.KeyId && s.KeyName == vkey.Name);
        var p1363 = ToP1363(signature.Signature.Span);
        return p1363 is null
            ? Error.Validation("note.bad_signature", "The log's signature is not an ASN.1 DER ECDSA signature.")
            : (opened.Value, new Checkpoint(origin, size, root, time, key.KeyId, p1363));
    }

    /// <summary>An IEEE P1363 (r || s, 64 bytes) ECDSA P-256 signature as an ASN.1 DER <c>Ecdsa-Sig-Value</c>.</summary>
    public static byte[] ToDer(ReadOnlySpan<byte> p1363)
    {
        if (p1363.Length != 64)
        {
            throw new ArgumentException("A P-256 signature in P1363 form is 64 bytes.", nameof(p1363));
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            // BigInteger drops the leading zero bytes DER forbids (r or s below 2^248 has them about once in 128).
            writer.WriteInteger(new BigInteger(p1363[..32], isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(p1363[32..], isUnsigned: true, isBigEndian: true));
        }

        return writer.Encode();
    }

    /// <summary>An ASN.1 DER ECDSA P-256 signature as 64 bytes r || s, or null when it is not one.</summary>
    public static byte[]? ToP1363(ReadOnlySpan<byte> der)
    {
        try
        {
            var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var r = sequence.ReadInteger();
            var s = sequence.ReadInteger();
            sequence.ThrowIfNotEmpty();
            var result = new byte[64];
            return Write(r, result.AsSpan(0, 32)) && Write(s, result.AsSpan(32)) ? result : null;
        }
        catch (AsnContentException)
        {
            return null;
        }

        static bool Write(BigInteger value, Span<byte> destination)
        {
            if (value.Sign <= 0 || value.GetByteCount(isUnsigned: true) > 32)
            {
                return false;
            }

            var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
            bytes.CopyTo(destination[(32 - bytes.Length)..]);
            return true;
        }
    }

    /// <summary>The checkpoint note with <paramref name="cosignatures"/> (signature lines, each ending in a newline) appended.</summary>
    public static string WithCosignatures(string note, IEnumerable<string> cosignatures)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(cosignatures);
        var builder = new StringBuilder(note);
        foreach (var line in cosignatures)
        {
            builder.Append(line);
        }

        return builder.ToString();
    }
}
