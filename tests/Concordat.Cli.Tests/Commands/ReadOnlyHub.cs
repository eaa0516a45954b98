using System.Diagnostics;

namespace Concordat.Cli.Tests.Commands;

/// <summary>
/// Makes a hub's database file read-only until disposed: immutable (chattr +i) when running as root, whom file modes
/// do not stop, and mode 0444 otherwise.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyHub : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode? _mode;

    private ReadOnlyHub(string path, UnixFileMode? mode)
    {
        _path = path;
        _mode = mode;
    }

    public static ReadOnlyHub Make(string path)
    {
        if (Environment.IsPrivilegedProcess)
        {
            Chattr("+i", path);
            return new ReadOnlyHub(path, null);
        }

        var mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return new ReadOnlyHub(path, mode);
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
            Chattr("-i", _path);
        }
    }

    private static void Chattr(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr") { ArgumentList = { flag, path }, UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chattr {flag} {path} failed ({process.ExitCode}).");
        }
    }
}
