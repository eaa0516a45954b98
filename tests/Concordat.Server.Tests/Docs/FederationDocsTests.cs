using System.Diagnostics;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Docs;

/// <summary>
/// docs/federation.md runs as written (scripts/docs-check.sh): an operator and two departments set up a federation with
/// the CLI, two real hubs run as its nodes, the configuration verifies with openssl, and a certificate is revoked.
/// </summary>
public sealed class FederationDocsTests
{
    [Fact]
    public async Task The_federation_walkthrough_runs_as_written()
    {
        var start = new ProcessStartInfo("bash", $"scripts/docs-check.sh {Repository.Configuration} docs/federation.md")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, (await output) + (await error));
        Assert.Contains("docs/federation.md ran as written", await output, StringComparison.Ordinal);
    }
}
