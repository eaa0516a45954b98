using System.Security.Cryptography;
using System.Text;

namespace Concordat.Core.Keys;

/// <summary>
/// Seals key material (token signing keys, pseudonymisation keys, audit checkpoint keys) under the hub's 256-bit
/// master key with AES-256-GCM, so a copy of the data directory or database without the master key reveals no key.
/// Each sealed blob names its purpose as associated data: a blob sealed for one purpose cannot be unsealed as another.
/// Thread safe.
/// </summary>
/// <remarks>
/// Layout: magic <c>CKS1</c> (4 bytes), master key id (8 bytes), nonce (12), tag (16), ciphertext.
/// The master key id is the first 8 bytes of SHA-256 of the master key, so unsealing under the wrong master key
/// fails with a message that says so instead of a bare authentication failure.
/// </remarks>
public sealed class KeySealer : IDisposable
{
    /// <summary>Length of a master key in bytes.</summary>
    public const int MasterKeyLength = 32;

    private const int MagicLength = 4;
    private const int KeyIdLength = 8;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = MagicLength + KeyIdLength + NonceLength + TagLength;
    private static readonly byte[] Magic = "CKS1"u8.ToArray();

    private readonly byte[] _masterKey;
    private readonly byte[] _keyId;

    /// <summary>Wraps a 32-byte master key; the bytes are copied.</summary>
    public KeySealer(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length != MasterKeyLength)
        {
            throw new ArgumentException($"A master key is {MasterKeyLength} bytes, not {masterKey.Length}.", nameof(masterKey));
        }

        _masterKey = masterKey.ToArray();
        _keyId = SHA256.HashData(_masterKey).AsSpan(0, KeyIdLength).ToArray();
        MasterKeyId = Convert.ToHexStringLower(_keyId);
    }

    /// <summary>A non-secret identifier of the master key (16 hex digits), safe to log.</summary>
    public string MasterKeyId { get; }

    /// <summary>Creates a new random master key.</summary>
    public static byte[] NewMasterKey() => RandomNumberGenerator.GetBytes(MasterKeyLength);

    /// <summary>Encrypts and authenticates <paramref name="plaintext"/> for <paramref name="purpose"/>.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var output = new byte[HeaderLength + plaintext.Length];
        Magic.CopyTo(output, 0);
        _keyId.CopyTo(output, MagicLength);
        var nonce = output.AsSpan(MagicLength + KeyIdLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        var tag = output.AsSpan(MagicLength + KeyIdLength + NonceLength, TagLength);
        using var aes = new AesGcm(_masterKey, TagLength);
        aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderLength), tag, Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    /// <summary>Decrypts a blob made by <see cref="Seal"/> for the same purpose.</summary>
    /// <exception cref="CryptographicException">The blob is not a sealed key, was sealed under another master key or for another purpose, or was altered.</exception>
    public byte[] Unseal(ReadOnlySpan<byte> sealedBlob, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        if (sealedBlob.Length < HeaderLength || !sealedBlob[..MagicLength].SequenceEqual(Magic))
        {
            throw new CryptographicException("The data is not a sealed key.");
        }

        var keyId = sealedBlob.Slice(MagicLength, KeyIdLength);
        if (!keyId.SequenceEqual(_keyId))
        {
            throw new CryptographicException(
                $"The key was sealed under master key {Convert.ToHexStringLower(keyId)}, but this hub holds master key {MasterKeyId}.");
        }

        var nonce = sealedBlob.Slice(MagicLength + KeyIdLength, NonceLength);
        var tag = sealedBlob.Slice(MagicLength + KeyIdLength + NonceLength, TagLength);
        var ciphertext = sealedBlob[HeaderLength..];
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(_masterKey, TagLength);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, Encoding.UTF8.GetBytes(purpose));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new CryptographicException($"The sealed key for '{purpose}' was altered or sealed for another purpose.", ex);
        }

        return plaintext;
    }

    /// <summary>Reads the master key id recorded in a sealed blob, or null when the bytes are not a sealed key.</summary>
    public static string? SealedUnder(ReadOnlySpan<byte> sealedBlob) =>
        sealedBlob.Length >= HeaderLength && sealedBlob[..MagicLength].SequenceEqual(Magic)
            ? Convert.ToHexStringLower(sealedBlob.Slice(MagicLength, KeyIdLength))
            : null;

    /// <summary>Clears the master key from memory.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_masterKey);
}
