using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Concordat.Core.Federation;

/// <summary>
/// An Ed25519 signed-note signing key (signature type 0x01). Its text form is the one Go's
/// <c>golang.org/x/mod/sumdb/note</c> uses, <c>PRIVATE+KEY+&lt;name&gt;+&lt;key id&gt;+&lt;base64(0x01 || 32-byte seed)&gt;</c>,
/// so a key made here signs with other tools and the other way round. Thread safe; dispose to clear the key.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const string Prefix = "PRIVATE+KEY+";
    private readonly Key _key;

    private NoteSigner(string name, Key key)
    {
        _key = key;
        VerifierKey = NoteVerifierKey.ForEd25519(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The key name.</summary>
    public string Name => VerifierKey.Name;

    /// <summary>The public half, to give to verifiers.</summary>
    public NoteVerifierKey VerifierKey { get; }

    /// <summary>A new random key named <paramref name="name"/>.</summary>
    public static NoteSigner Generate(string name)
    {
        if (!NoteVerifierKey.IsValidName(name))
        {
            throw new ArgumentException("The key name is empty or holds a space, a control character or '+'.", nameof(name));
        }

        return new NoteSigner(name, Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    /// <summary>Reads a signer key in the <c>PRIVATE+KEY+...</c> form; its key id must match the public key it derives.</summary>
    public static Result<NoteSigner> Parse(string? text)
    {
        static Error Bad(string message) => Error.Validation("signer_key.invalid", message);
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Bad("A signing key has the form PRIVATE+KEY+name+keyid+key.");
        }

        var rest = text[Prefix.Length..];
        var first = rest.IndexOf('+', StringComparison.Ordinal);
        var second = first < 0 ? -1 : rest.IndexOf('+', first + 1);
        if (second < 0)
        {
            return Bad("A signing key has the form PRIVATE+KEY+name+keyid+key.");
        }

        var name = rest[..first];
        var hex = rest[(first + 1)..second];
        if (!NoteVerifierKey.IsValidName(name) || hex.Length != 8 || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
        {
            return Bad("The signing key's name or key id is malformed.");
        }

        var blob = StrictBase64.Decode(rest[(second + 1)..]);
        try
        {
            if (blob is not { Length: 33 } || blob[0] != NoteVerifierKey.Ed25519Type)
            {
                return Bad("The signing key is not an Ed25519 key (type 0x01 and a 32-byte seed).");
            }

            var key = Key.Import(SignatureAlgorithm.Ed25519, blob.AsSpan(1), KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
            var signer = new NoteSigner(name, key);
            if (signer.VerifierKey.KeyId != keyId)
            {
                signer.Dispose();
                return Bad("The signing key's id does not match the key.");
            }

            return signer;
        }
        finally
        {
            if (blob is not null)
            {
                CryptographicOperations.ZeroMemory(blob);
            }
        }
    }

    /// <summary>The private key in the <c>PRIVATE+KEY+...</c> form; keep it secret.</summary>
    public string ToSignerKey()
    {
        var seed = _key.Export(KeyBlobFormat.RawPrivateKey);
        var blob = new byte[33];
        try
        {
            blob[0] = NoteVerifierKey.Ed25519Type;
            seed.CopyTo(blob, 1);
            return $"{Prefix}{Name}+{VerifierKey.KeyId.ToString("x8", CultureInfo.InvariantCulture)}+{Convert.ToBase64String(blob)}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <summary>The signature line's payload: the four key-id bytes (big-endian) and the Ed25519 signature of <paramref name="text"/>.</summary>
    public byte[] Sign(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var signature = new byte[4 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(signature, VerifierKey.KeyId);
        SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(text), signature.AsSpan(4));
        return signature;
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
