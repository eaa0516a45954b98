using System.Diagnostics;

namespace Concordat.Server.Tests.Hosting;

/// <summary>The hub's one store setting: a bad one stops it with one line, before it listens or writes anything.</summary>
public sealed class StoreSettingTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "concordat-server-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Theory]
    [InlineData("--store", "postgresql://hub:s3cret@db:0/concordat")]
    [InlineData("env", "sqlite:")]
    [InlineData("config", "postgres://hub:s3cret@db/concordat?colour=blue")]
    public async Task Bad_store_setting_stops_the_hub_with_one_line_and_exit_code_2(string how, string store)
    {
        var (code, error) = await RunHubAsync(how, store);

        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_data));
    }

    private async Task<(int Code, string Error)> RunHubAsync(string how, string store)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Concordat.Server.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment.Remove("CONCORDAT_STORE");
        info.Environment["Concordat__DataDirectory"] = _data;
        switch (how)
        {
            case "--store":
                info.ArgumentList.Add("--store");
                info.ArgumentList.Add(store);
                break;
            case "env":
                info.Environment["CONCORDAT_STORE"] = store;
                break;
            default:
                info.Environment["Concordat__Store"] = store;
                break;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        return (process.ExitCode, await error);
    }
}
