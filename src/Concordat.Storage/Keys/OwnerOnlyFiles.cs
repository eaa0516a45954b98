using System.Security.Cryptography;

namespace Concordat.Storage.Keys;

/// <summary>
/// Writes secrets-bearing files (signing key, demo credentials) so that only the owner can read them (mode 600,
/// directories 700) on platforms with Unix permissions, atomically through a temporary file and a rename.
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates a directory (and its parents) readable by its owner only; an existing directory is left as it is.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode700);
        }
    }

    /// <summary>Writes a new file; false, leaving the existing file alone, when one is already there.</summary>
    public static bool WriteIfAbsent(string path, string contents) => Write(path, contents, overwrite: false);

    /// <summary>Writes or replaces a file.</summary>
    public static void WriteOrReplace(string path, string contents) => Write(path, contents, overwrite: true);

    /// <summary>True when group or others have any access to the file.</summary>
    public static bool IsExposed(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return false;
        }

        return (File.GetUnixFileMode(path) & ~FileMode600) != 0;
    }

    private static bool Write(string path, string contents, bool overwrite)
    {
        var temporary = path + "." + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode600;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(contents);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite);
                return true;
            }
            catch (IOException) when (!overwrite && File.Exists(path))
            {
                return false;
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
