using System.Diagnostics;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Docs;

/// <summary>
/// The shell examples of README.md, docs/api.md, docs/quality.md, docs/audit.md, docs/operations.md and docs/portal.md run as written (scripts/docs-check.sh: each
/// document in a fresh directory against a hub on a loopback port), so a document that drifts from the code fails.
/// </summary>
public sealed class DocsExecutedTests
{
    [Fact]
    public async Task Readme_api_quality_audit_and_portal_examples_run_as_written()
    {
        var start = new ProcessStartInfo("bash", $"scripts/docs-check.sh {Repository.Configuration}")
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
        Assert.Contains("README.md ran as written", await output, StringComparison.Ordinal);
        Assert.Contains("docs/api.md ran as written", await output, StringComparison.Ordinal);
        Assert.Contains("docs/quality.md ran as written", await output, StringComparison.Ordinal);
        // Among them: a checkpoint saved from GET /checkpoints/latest as served is accepted by verify --checkpoint.
        Assert.Contains("docs/audit.md ran as written", await output, StringComparison.Ordinal);
        Assert.Contains("docs/portal.md ran as written", await output, StringComparison.Ordinal);
    }
}
