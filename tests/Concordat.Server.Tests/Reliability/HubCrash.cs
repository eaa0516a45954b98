using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Reliability;

/// <summary>
/// What the hub crash suite shares: its settings (<c>CONCORDAT_CRASH_KILLS</c>, default 3; <c>CONCORDAT_CRASH_SEED</c>),
/// tokens for the demo clients of a hub process from its credentials file, and <c>concordat audit verify --hub</c>
/// run as the real command line against a running hub.
/// </summary>
public static class HubCrash
{
    public static int Kills => int.TryParse(Environment.GetEnvironmentVariable("CONCORDAT_CRASH_KILLS"), NumberStyles.None, CultureInfo.InvariantCulture, out var kills) && kills > 0 ? kills : 3;

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("CONCORDAT_CRASH_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : Random.Shared.Next();

    /// <summary>A client of <paramref name="hub"/> holding a fresh token of a demo client whose secret is in <paramref name="dataDirectory"/>.</summary>
    public static async Task<HttpClient> ClientAsync(HubProcess hub, string dataDirectory, string clientId)
    {
        var secret = File.ReadAllLines(Path.Combine(dataDirectory, "demo-credentials.txt"))
            .Select(line => line.Split(' '))
            .Single(parts => parts.Length >= 4 && parts[0] == clientId)[3];
        var http = hub.Client();
        using var response = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("access_token").GetString());
        return http;
    }

    /// <summary>
    /// Runs <c>concordat audit verify --hub</c> (the built command line, as its own process) against the running hub
    /// with an administrator's token and the public key the hub publishes; returns its exit code and what it printed.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> VerifyAsync(HubProcess hub, HttpClient admin, string scratch)
    {
        using var anonymous = hub.Client();
        var key = Path.Combine(scratch, "audit-key.json");
        await File.WriteAllTextAsync(key, await anonymous.GetStringAsync("/.well-known/audit-key.json"));
        var dll = Repository.PathOf("src", "Concordat.Cli", "bin", Repository.Configuration, "net10.0", "concordat.dll");
        Assert.True(File.Exists(dll), "Build the solution first: " + dll);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "--data", Path.Combine(scratch, "cli-data"), "audit", "verify", "--hub", hub.BaseAddress.AbsoluteUri.TrimEnd('/'), "--public-key", key })
        {
            info.ArgumentList.Add(argument);
        }

        // The token goes in the environment, never on a command line other users can read.
        info.Environment["CONCORDAT_TOKEN"] = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Settings of the hub process for a data directory (environment variables, as an operator sets them).</summary>
    public static Dictionary<string, string> Settings(string dataDirectory, IReadOnlyDictionary<string, string>? more = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Concordat__DataDirectory"] = dataDirectory,
            ["Concordat__PublicBaseUrl"] = "https://hub.example.gov.uk",
            ["Concordat__Citizen__SeedDemoRecords"] = "false",
            // The suite's clients send far more than a consumer may in production.
            ["Concordat__RateLimitPermits"] = "1000000",
        };
        foreach (var (name, value) in more ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }
}
