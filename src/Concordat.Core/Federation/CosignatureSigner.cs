using System.Buffers.Binary;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Concordat.Core.Federation;

/// <summary>
/// A witness's Ed25519 cosigning key (c2sp.org/tlog-cosignature, <c>cosignature/v1</c>, vkey type 0x04). Kept as a
/// 32-byte seed sealed under the node's master key by its owner; this type only cosigns. Thread safe; dispose to
/// clear the key.
/// </summary>
public sealed class CosignatureSigner : IDisposable
{
    private readonly Key _key;

    private CosignatureSigner(string name, Key key)
    {
        _key = key;
        VerifierKey = NoteVerifierKey.ForEd25519(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey), NoteVerifierKey.CosignatureV1Type);
    }

    /// <summary>The cosigner's name (a schema-less URL-like name such as <c>hmrc.concordat/witness</c>).</summary>
    public string Name => VerifierKey.Name;

    /// <summary>The public half as a type 0x04 vkey, for witness policies.</summary>
    public NoteVerifierKey VerifierKey { get; }

    /// <summary>A new random 32-byte seed; the caller seals it and clears it.</summary>
    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(32);

    /// <summary>The cosigner named <paramref name="name"/> with the key of <paramref name="seed"/>.</summary>
    public static CosignatureSigner FromSeed(string name, ReadOnlySpan<byte> seed)
    {
        if (!NoteVerifierKey.IsValidName(name))
        {
            throw new ArgumentException("The cosigner name is empty or holds a space, a control character or '+'.", nameof(name));
        }

        if (seed.Length != 32)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        return new CosignatureSigner(name, Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey));
    }

    /// <summary>
    /// The cosignature line (<c>— name base64(key id || timestamp || signature)</c>, ending in a newline) over the
    /// checkpoint body <paramref name="checkpointBody"/> at <paramref name="time"/> (truncated to whole seconds).
    /// </summary>
    public string Cosign(string checkpointBody, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(checkpointBody);
        var timestamp = time.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp, nameof(time));
        var bytes = new byte[4 + Cosignature.SignatureLength];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, VerifierKey.KeyId);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(4), (ulong)timestamp);
        SignatureAlgorithm.Ed25519.Sign(_key, Cosignature.Message(checkpointBody, timestamp), bytes.AsSpan(12));
        return $"\u2014 {Name} {Convert.ToBase64String(bytes)}\n";
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
