using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api.Subscriptions;

/// <summary>
/// Verifies a received webhook with the Standard Webhooks TypeScript library (npm <c>standardwebhooks</c>) under
/// Node.js, an implementation the hub shares no code with. Installs the locked package on first use.
/// </summary>
public static class StandardWebhooksNode
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>"verified", or "refused: reason".</summary>
    public static async Task<string> VerifyAsync(string secret, ReceivedWebhook webhook)
    {
        var directory = Repository.PathOf("tests", "Concordat.Server.Tests", "Api", "Subscriptions", "standardwebhooks-js");
        await Install.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(directory, "node_modules", "standardwebhooks")))
            {
                var (code, output) = await RunAsync("npm", "ci --no-audit --no-fund", directory, null);
                Assert.True(code == 0, "npm ci failed: " + output);
            }
        }
        finally
        {
            Install.Release();
        }

        var input = new JsonObject
        {
            ["secret"] = secret,
            ["body"] = Encoding.UTF8.GetString(webhook.Body),
            ["headers"] = new JsonObject { ["webhook-id"] = webhook.Id, ["webhook-timestamp"] = webhook.Timestamp, ["webhook-signature"] = webhook.Signature },
        };
        var (exit, result) = await RunAsync("node", "verify.js", directory, input.ToJsonString());
        Assert.True(exit == 0, "node failed: " + result);
        return result;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string arguments, string directory, string? stdin)
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output) + (await error));
    }
}
