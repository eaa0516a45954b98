using System.Net;
using System.Net.Http.Headers;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Hosting;

/// <summary>
/// The hub run as operators run it (its own process, started from another directory) logs a realistic session without
/// a single identifier, code, token, secret or query string, and says the address it really listens on.
/// </summary>
public sealed class ProcessLogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-process-tests", Guid.NewGuid().ToString("N"));

    public ProcessLogTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task A_realistic_session_leaves_no_identifier_secret_or_code_in_the_log()
    {
        await using var hub = await HubProcess.StartAsync(_directory);
        Assert.NotEqual(5080, hub.BaseAddress.Port);
        Assert.Contains($"get a token: curl", hub.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"{hub.BaseAddress.AbsoluteUri.TrimEnd('/')}/oauth2/token", hub.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "data", "concordat.db")), "./data is relative to where the hub runs");

        var secrets = File.ReadAllLines(Path.Combine(_directory, "data", "demo-credentials.txt"))
            .Where(l => !l.StartsWith('#') && l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[3]);
        using var http = hub.Client();
        var token = await ProcessHubs.ClientTokenAsync(http, "dwp-steward", secrets["dwp-steward"]);
        var tokens = new List<string> { token };
        using (var wrong = await http.PostAsync("/oauth2/token", Form("dwp-steward", "wrong-secret-value"))) { }

        using var steward = hub.Client();
        steward.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await steward.GetStringAsync("/api/v1/datasets");
        await SendAsync(steward, HttpMethod.Post, "/api/v1/datasets/dwp-claimants/records/lookup", """{"key":"AB123456C"}""");
        await SendAsync(steward, HttpMethod.Post, "/api/v1/datasets/dwp-claimants/records/history", """{"key":"AB123456C"}""");
        await SendAsync(steward, HttpMethod.Get, "/api/v1/datasets/dwp-claimants/records/AB123456C", null);
        await SendAsync(steward, HttpMethod.Get, "/api/v1/datasets/dwp-claimants/records?after=AB123456C&limit=2", null);
        await SendAsync(steward, HttpMethod.Get, "/api/v1/datasets/no-such-dataset?nino=CE987654D", null);

        var service = await ProcessHubs.ClientTokenAsync(http, "leeds-council-service", secrets["leeds-council-service"]);
        tokens.Add(service);
        using var consumer = hub.Client();
        consumer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", service);
        await SendAsync(consumer, HttpMethod.Post, "/api/v1/exchange/lookups",
            """{"agreementId":"none","purpose":"benefit-eligibility","datasetId":"dwp-claimants","identifier":{"kind":"nino","value":"JG103759A"}}""");

        // Citizen sign-in: the redirect to the identity provider carries state and a PKCE challenge; a callback carries a code.
        await SendAsync(http, HttpMethod.Get, "/my-data", null);
        await SendAsync(http, HttpMethod.Get, "/citizen/signin-oidc?code=SECRETCODE123456&state=STATEVALUE987", null);
        using (var forged = hub.Client())
        {
            forged.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + token[..^4] + "AAAA");
            await SendAsync(forged, HttpMethod.Get, "/api/v1/datasets", null);
        }

        await SendAsync(http, HttpMethod.Get, "/api/v1/datasets", null);
        await Task.Delay(500);

        var log = hub.Output;
        foreach (var leaked in new[] { "AB123456C", "CE987654D", "JG103759A", "SECRETCODE123456", "STATEVALUE987", "wrong-secret-value", "code_challenge", "?after=", "?nino=", "/records/" })
        {
            Assert.False(log.Contains(leaked, StringComparison.Ordinal), $"The log holds '{leaked}':\n{log}");
        }

        foreach (var secret in secrets.Values.Concat(tokens).Concat(tokens.Select(t => t.Split('.')[2])))
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }

        // The settings file beside the hub was read (it quietens ASP.NET Core, whose authorization failures log at Information).
        Assert.DoesNotContain("Microsoft.AspNetCore.Authorization", log, StringComparison.Ordinal);
        Assert.Contains("Bearer token rejected", log, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = Bodies.Json(json);
        }

        using var response = await http.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    private static FormUrlEncodedContent Form(string clientId, string secret) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
    });
}
