namespace Concordat.Storage.Tests.Sqlite;

/// <summary>
/// Makes a file read-only for this process until disposed: immutable (chattr +i) when running as root, whom file
/// modes do not stop, and mode 0444 otherwise.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode? _mode;

    private ReadOnlyFile(string path, UnixFileMode? mode)
    {
        _path = path;
        _mode = mode;
    }

    public static ReadOnlyFile Make(string path)
    {
        if (Environment.IsPrivilegedProcess)
        {
            SmallDisk.Run("chattr", "+i", path);
            return new ReadOnlyFile(path, null);
        }

        var mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return new ReadOnlyFile(path, mode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_mode is { } mode)
        {
            File.SetUnixFileMode(_path, mode);
        }
        else
        {
            SmallDisk.Run("chattr", "-i", _path);
        }
    }
}
