using System.Text;
using Concordat.Storage.Keys;

namespace Concordat.Storage.Federation;

/// <summary>
/// The last valid federation configuration a node accepted (<c>federation/configuration.note</c> in the data
/// directory), kept so a restart during an outage of the configuration source keeps federating within the grace
/// period. Written atomically (temporary file and rename); read back and verified again on start.
/// </summary>
public static class FederationConfigurationFile
{
    /// <summary>The file's name inside the federation directory.</summary>
    public const string FileName = "configuration.note";

    /// <summary>Replaces the kept configuration.</summary>
    public static void Write(string federationDirectory, string note)
    {
        ArgumentException.ThrowIfNullOrEmpty(federationDirectory);
        ArgumentNullException.ThrowIfNull(note);
        OwnerOnlyFiles.CreateDirectory(federationDirectory);
        OwnerOnlyFiles.WriteOrReplace(Path.Combine(federationDirectory, FileName), note);
    }

    /// <summary>The kept configuration's bytes, or null when there is none.</summary>
    public static byte[]? Read(string federationDirectory)
    {
        var path = Path.Combine(federationDirectory, FileName);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>The kept configuration as text, or null.</summary>
    public static string? ReadText(string federationDirectory) => Read(federationDirectory) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
}
