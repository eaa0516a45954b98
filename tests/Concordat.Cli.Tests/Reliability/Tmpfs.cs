using System.Diagnostics;
using System.Globalization;

namespace Concordat.Cli.Tests.Reliability;

/// <summary>
/// A size-limited tmpfs mounted for one test, so a disk truly fills (root is needed, as on the project's machines and
/// CI; elsewhere the test fails saying so). Unmounted on dispose.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    public static Tmpfs Mount(int megabytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "concordat-tmpfs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={megabytes}m,mode=0700"), "tmpfs", path);
        Assert.True(code == 0, $"Mounting a {megabytes} MB tmpfs needs root (as on the project's machines and CI): {output}");
        return new Tmpfs(path);
    }

    /// <summary>Grows (or shrinks) the filesystem in place, as an operator freeing space would.</summary>
    public void Resize(int megabytes)
    {
        var (code, output) = Run("mount", "-o", string.Create(CultureInfo.InvariantCulture, $"remount,size={megabytes}m"), Path);
        Assert.True(code == 0, output);
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
