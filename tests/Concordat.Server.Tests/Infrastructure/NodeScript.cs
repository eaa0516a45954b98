using System.Collections.Concurrent;
using System.Diagnostics;

namespace Concordat.Server.Tests.Infrastructure;

/// <summary>
/// Runs a small Node.js script from a folder of the test project that has its own package.json and lock file, so a
/// test can check the hub's output with an independent implementation from npm. Installs the locked packages once.
/// </summary>
public static class NodeScript
{
    private static readonly ConcurrentDictionary<string, Lazy<Task>> Installs = new(StringComparer.Ordinal);

    /// <summary>Runs <c>node script</c> in <paramref name="folder"/> (relative to the repository) with <paramref name="stdin"/>; returns its output.</summary>
    public static async Task<string> RunAsync(string folder, string script, string stdin)
    {
        var directory = Repository.PathOf(folder.Split('/'));
        await Installs.GetOrAdd(directory, d => new Lazy<Task>(() => InstallAsync(d))).Value;
        var (code, output) = await ProcessAsync("node", script, directory, stdin);
        Assert.True(code == 0, $"node {script} failed: {output}");
        return output;
    }

    private static async Task InstallAsync(string directory)
    {
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            var (code, output) = await ProcessAsync("npm", "ci --no-audit --no-fund", directory, null);
            Assert.True(code == 0, "npm ci failed: " + output);
        }
    }

    private static async Task<(int Code, string Output)> ProcessAsync(string file, string arguments, string directory, string? stdin)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output) + (await error));
    }
}
