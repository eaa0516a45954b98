using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Concordat.Server.Tests.Infrastructure;

/// <summary>
/// The built hub as a separate process (<c>dotnet Concordat.Server.dll</c>) started from a working directory that is
/// not its content root, as an operator or <c>dotnet run --project</c> would, on a loopback port; collects its console.
/// </summary>
public sealed partial class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private int _disposed;

    private HubProcess(Process process) => _process = process;

    /// <summary>The address the hub logged it listens on.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the hub wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the hub in <paramref name="workingDirectory"/> on <paramref name="url"/> and waits for its listening line.</summary>
    public static async Task<HubProcess> StartAsync(string workingDirectory, string url = "http://127.0.0.1:0", IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Repository.PathOf("src", "Concordat.Server", "bin", Repository.Configuration, "net10.0", "Concordat.Server.dll");
        Assert.True(File.Exists(dll), "Build the solution first: " + dll);
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls {url}")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var hub = new HubProcess(Process.Start(start)!);
        hub._process.OutputDataReceived += (_, e) => hub.Append(e.Data);
        hub._process.ErrorDataReceived += (_, e) => hub.Append(e.Data);
        hub._process.BeginOutputReadLine();
        hub._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Listening().Match(hub.Output) is not { Success: true } match)
        {
            if (hub._process.HasExited || DateTime.UtcNow > deadline)
            {
                var output = hub.Output;
                await hub.DisposeAsync();
                Assert.Fail("The hub did not log its address:\n" + output);
            }

            await Task.Delay(100);
        }

        hub.BaseAddress = new Uri(Listening().Match(hub.Output).Groups[1].Value + "/");
        return hub;
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>Kills the hub (SIGKILL, as <c>kill -9</c>) if it still runs; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_lock)
            {
                _output.AppendLine(line);
            }
        }
    }

    [GeneratedRegex(@"Concordat hub listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
