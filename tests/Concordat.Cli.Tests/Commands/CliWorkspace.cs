using System.Diagnostics;

namespace Concordat.Cli.Tests.Commands;

/// <summary>A temp directory holding a hub data directory and input files; runs the CLI in-process or as a child process.</summary>
public sealed class CliWorkspace : IDisposable
{
    public CliWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "concordat-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Data => Path.Combine(Root, "data");

    public string DatabasePath => Path.Combine(Data, "concordat.db");

    public string PathOf(string name) => Path.Combine(Root, name);

    public string Write(string name, string text)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs the command line in this process (same parser and actions as the binary) and returns the exit code.</summary>
    public Task<int> RunAsync(params string[] args) => RunInAsync(Data, args);

    /// <summary>Runs the command line in this process with another data directory.</summary>
    public async Task<int> RunInAsync(string data, params string[] args)
    {
        // The CLI writes progress and tables to the console; serialise runs that share it.
        await ConsoleGate.WaitAsync();
        try
        {
            return await Program.RunAsync(["--data", data, .. args]);
        }
        finally
        {
            ConsoleGate.Release();
        }
    }

    /// <summary>Starts the CLI as a separate process, so a test can kill it.</summary>
    public Process Start(params string[] args) => StartIn(Data, args);

    /// <summary>Starts the CLI as a separate process with another data directory.</summary>
    public static Process StartIn(string data, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "concordat.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(data);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs the CLI as a separate process to its end, with extra environment variables, and returns what it printed.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunProcessAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunProcessInAsync(Data, environment, args);

    /// <summary>Runs the CLI as a separate process to its end with another data directory.</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunProcessInAsync(string data, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "concordat.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(data);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort clean-up.
        }
    }

    private static readonly SemaphoreSlim ConsoleGate = new(1, 1);
}
