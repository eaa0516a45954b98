using Concordat.Core.Keys;

namespace Concordat.Storage.Keys;

/// <summary>
/// A key kept in a file sealed under the master key (base64 of a <see cref="KeySealer"/> blob, mode 600): created on
/// first use, unsealed afterwards. Concurrent first starts agree on one key: the first writer wins.
/// </summary>
public static class SealedKeyFile
{
    /// <summary>Unseals the key at <paramref name="path"/>, or creates, seals and writes one with <paramref name="create"/>.</summary>
    /// <returns>The key's plaintext and whether it was created now.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The file was altered or sealed under another master key.</exception>
    public static (byte[] Plaintext, bool Created) LoadOrCreate(string path, KeySealer sealer, string purpose, Func<byte[]> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(create);
        if (!File.Exists(path))
        {
            var plaintext = create();
            if (OwnerOnlyFiles.WriteIfAbsent(path, Convert.ToBase64String(sealer.Seal(plaintext, purpose)) + "\n"))
            {
                return (plaintext, true);
            }
        }

        return (Load(path, sealer, purpose), false);
    }

    /// <summary>Unseals an existing key file.</summary>
    public static byte[] Load(string path, KeySealer sealer, string purpose)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"The sealed key file {path} is not base64.");
        }

        return sealer.Unseal(blob, purpose);
    }

    /// <summary>Seals and writes (or replaces) a key file.</summary>
    public static void Write(string path, KeySealer sealer, string purpose, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        OwnerOnlyFiles.WriteOrReplace(path, Convert.ToBase64String(sealer.Seal(plaintext, purpose)) + "\n");
    }
}
