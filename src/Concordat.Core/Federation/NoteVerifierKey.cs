using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Concordat.Core.Federation;

/// <summary>
/// A C2SP signed-note verifier key ("vkey"): <c>&lt;name&gt;+&lt;key id, 8 hex digits&gt;+&lt;base64(type || public key)&gt;</c>,
/// the one-line public key form that signed notes, checkpoints, cosignatures and tlog-policy files use. Immutable and
/// thread safe.
/// </summary>
/// <remarks>
/// Signature types (c2sp.org/signed-note): <c>0x01</c> Ed25519 over the note text, <c>0x02</c> ECDSA with SHA-256 as
/// transparency-dev's witness implements it (the key is a DER SubjectPublicKeyInfo and its id the first four bytes of
/// SHA-256 of that DER), <c>0x04</c> timestamped Ed25519 witness cosignatures (c2sp.org/tlog-cosignature). For types
/// 0x01 and 0x04 the key id is the first four bytes of SHA-256(name || 0x0A || type || public key).
/// </remarks>
public sealed class NoteVerifierKey : IEquatable<NoteVerifierKey>
{
    /// <summary>Ed25519 signatures over the note text.</summary>
    public const byte Ed25519Type = 0x01;

    /// <summary>ECDSA (NIST P-256, SHA-256, ASN.1 DER signatures) as transparency-dev/witness implements it.</summary>
    public const byte EcdsaType = 0x02;

    /// <summary>Timestamped Ed25519 witness cosignatures (cosignature/v1).</summary>
    public const byte CosignatureV1Type = 0x04;

    private readonly byte[] _publicKey;

    private NoteVerifierKey(string name, uint keyId, byte type, byte[] publicKey)
    {
        Name = name;
        KeyId = keyId;
        SignatureType = type;
        _publicKey = publicKey;
        var encoded = new byte[publicKey.Length + 1];
        encoded[0] = type;
        publicKey.CopyTo(encoded, 1);
        Encoded = $"{name}+{keyId.ToString("x8", CultureInfo.InvariantCulture)}+{Convert.ToBase64String(encoded)}";
    }

    /// <summary>The key name (a log origin, a witness or a federation name).</summary>
    public string Name { get; }

    /// <summary>The 32-bit key id signatures carry.</summary>
    public uint KeyId { get; }

    /// <summary>The signature type byte.</summary>
    public byte SignatureType { get; }

    /// <summary>The public key without its type byte: 32 bytes for Ed25519 types, a DER SubjectPublicKeyInfo for ECDSA.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>The vkey text.</summary>
    public string Encoded { get; }

    /// <summary>Whether <paramref name="name"/> is a valid key name: non-empty, no Unicode space, no <c>+</c>, no control character.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('+', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || rune == Rune.ReplacementChar)
            {
                return false;
            }
        }

        // A lone surrogate (text that is not valid UTF-8) enumerates as the replacement character, refused above.
        return true;
    }

    /// <summary>Parses a vkey; the key id must be the one its name and key give, and the type one of the three known.</summary>
    public static Result<NoteVerifierKey> Parse(string? text)
    {
        static Error Bad(string message) => Error.Validation("vkey.invalid", message);
        if (string.IsNullOrEmpty(text))
        {
            return Bad("The verifier key is empty.");
        }

        var first = text.IndexOf('+', StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf('+', first + 1);
        if (second < 0)
        {
            return Bad("A verifier key has the form name+keyid+key.");
        }

        var name = text[..first];
        var hex = text[(first + 1)..second];
        var base64 = text[(second + 1)..];
        if (!IsValidName(name))
        {
            return Bad("The verifier key's name is empty or holds a space, a control character or '+'.");
        }

        if (hex.Length != 8 || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
        {
            return Bad("The verifier key's id is not 8 hexadecimal digits.");
        }

        if (StrictBase64.Decode(base64) is not { Length: >= 2 } key)
        {
            return Bad("The verifier key's key is not base64 of a type byte and a public key.");
        }

        var type = key[0];
        var publicKey = key[1..];
        switch (type)
        {
            case Ed25519Type or CosignatureV1Type:
                if (publicKey.Length != 32)
                {
                    return Bad("An Ed25519 verifier key holds 32 bytes of public key.");
                }

                if (keyId != Ed25519KeyId(name, type, publicKey))
                {
                    return Bad("The verifier key's id does not match its name and key.");
                }

                break;
            case EcdsaType:
                if (!IsP256SubjectPublicKeyInfo(publicKey))
                {
                    return Bad("An ECDSA verifier key holds a DER SubjectPublicKeyInfo of a NIST P-256 key.");
                }

                if (keyId != BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(publicKey)))
                {
                    return Bad("The verifier key's id does not match its key.");
                }

                break;
            default:
                return Bad($"The verifier key's signature type 0x{type:x2} is not one Concordat supports (0x01, 0x02, 0x04).");
        }

        return new NoteVerifierKey(name, keyId, type, publicKey);
    }

    /// <summary>The vkey of an Ed25519 public key (type 0x01, or 0x04 for a witness's cosigning key).</summary>
    public static NoteVerifierKey ForEd25519(string name, ReadOnlySpan<byte> publicKey, byte type = Ed25519Type)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException("The key name is empty or holds a space, a control character or '+'.", nameof(name));
        }

        if (publicKey.Length != 32 || type is not (Ed25519Type or CosignatureV1Type))
        {
            throw new ArgumentException("An Ed25519 verifier key is 32 bytes of type 0x01 or 0x04.", nameof(publicKey));
        }

        return new NoteVerifierKey(name, Ed25519KeyId(name, type, publicKey), type, publicKey.ToArray());
    }

    /// <summary>The vkey (type 0x02) of a NIST P-256 public key given as a DER SubjectPublicKeyInfo.</summary>
    public static NoteVerifierKey ForEcdsa(string name, ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException("The key name is empty or holds a space, a control character or '+'.", nameof(name));
        }

        if (!IsP256SubjectPublicKeyInfo(subjectPublicKeyInfo))
        {
            throw new ArgumentException("The key is not the DER SubjectPublicKeyInfo of a P-256 key.", nameof(subjectPublicKeyInfo));
        }

        return new NoteVerifierKey(name, BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(subjectPublicKeyInfo)), EcdsaType, subjectPublicKeyInfo.ToArray());
    }

    /// <summary>
    /// Whether <paramref name="signature"/> (without the four key-id bytes) is this key's signature over
    /// <paramref name="message"/>. Cosignature keys never verify a plain note signature: their signed message differs.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        switch (SignatureType)
        {
            case Ed25519Type:
                if (signature.Length != 64 || !NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, _publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
                {
                    return false;
                }

                return SignatureAlgorithm.Ed25519.Verify(key, message, signature);
            case EcdsaType:
                using (var ecdsa = ECDsa.Create())
                {
                    ecdsa.ImportSubjectPublicKeyInfo(_publicKey, out _);
                    try
                    {
                        return ecdsa.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                    }
                    catch (CryptographicException)
                    {
                        return false;
                    }
                }

            default:
                return false;
        }
    }

    /// <summary>Whether both keys wrap the same public key (tlog-policy's notion of a duplicate), whatever their names.</summary>
    public bool SamePublicKey(NoteVerifierKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _publicKey.AsSpan().SequenceEqual(other._publicKey);
    }

    /// <inheritdoc />
    public bool Equals(NoteVerifierKey? other) => other is not null && string.Equals(Encoded, other.Encoded, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NoteVerifierKey);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Encoded);

    /// <inheritdoc />
    public override string ToString() => Encoded;

    internal static uint Ed25519KeyId(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        input[nameBytes.Length + 1] = type;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    private static bool IsP256SubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(der, out var read);
            return read == der.Length && ecdsa.ExportParameters(false).Curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
