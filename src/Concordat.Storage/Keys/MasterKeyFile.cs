using Concordat.Core.Keys;

namespace Concordat.Storage.Keys;

/// <summary>
/// Finds the hub's master key: from the <c>CONCORDAT_MASTER_KEY</c> environment variable (base64 of 32 bytes) when
/// set, which is how production keeps it apart from the data; otherwise from <c>master.key</c> in the keys directory
/// (mode 600), created on first use so the embedded default works with no set-up.
/// </summary>
public static class MasterKeyFile
{
    /// <summary>The environment variable that supplies the master key.</summary>
    public const string EnvironmentVariable = "CONCORDAT_MASTER_KEY";

    /// <summary>The file name of the master key inside the keys directory.</summary>
    public const string FileName = "master.key";

    /// <summary>Loads the master key, creating the key file if neither the variable nor the file exists.</summary>
    /// <param name="keysDirectory">The hub's keys directory.</param>
    /// <param name="environmentValue">The value of <see cref="EnvironmentVariable"/>, or null when unset.</param>
    /// <returns>The sealer, where the key came from, and whether it was created now.</returns>
    /// <exception cref="InvalidDataException">The variable or the file does not hold a base64 32-byte key.</exception>
    public static (KeySealer Sealer, MasterKeySource Source, bool Created) LoadOrCreate(string keysDirectory, string? environmentValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return (new KeySealer(Decode(environmentValue, $"The {EnvironmentVariable} environment variable")), MasterKeySource.Environment, false);
        }

        OwnerOnlyFiles.CreateDirectory(keysDirectory);
        var path = Path.Combine(keysDirectory, FileName);
        if (!File.Exists(path))
        {
            var fresh = KeySealer.NewMasterKey();
            if (OwnerOnlyFiles.WriteIfAbsent(path, Convert.ToBase64String(fresh) + "\n"))
            {
                return (new KeySealer(fresh), MasterKeySource.File, true);
            }
        }

        return (new KeySealer(Decode(File.ReadAllText(path), $"The master key file {path}")), MasterKeySource.File, false);
    }

    /// <summary>Loads the master key the way <see cref="LoadOrCreate(string, string?)"/> does, from the process environment.</summary>
    public static (KeySealer Sealer, MasterKeySource Source, bool Created) LoadOrCreate(string keysDirectory) =>
        LoadOrCreate(keysDirectory, Environment.GetEnvironmentVariable(EnvironmentVariable));

    private static byte[] Decode(string text, string what)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"{what} is not base64.");
        }

        return key.Length == KeySealer.MasterKeyLength
            ? key
            : throw new InvalidDataException($"{what} holds {key.Length} bytes; a master key is {KeySealer.MasterKeyLength}.");
    }
}
