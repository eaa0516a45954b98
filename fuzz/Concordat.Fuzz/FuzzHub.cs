using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Concordat.Fuzz;

/// <summary>
/// The real hub in this process (in-memory test server, its own temporary data directory, the demo departments seeded)
/// for the HTTP targets: started once, then every input is one request through the whole pipeline.
/// </summary>
public sealed class FuzzHub : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-fuzz", Guid.NewGuid().ToString("N"));

    public FuzzHub()
    {
        // The factory looks for the server's project folder beside a solution; the fuzzer runs from its own output.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CONCORDAT_SERVER", AppContext.BaseDirectory);
    }

    /// <summary>A client of the hub holding a fresh token of the demo client <paramref name="clientId"/>.</summary>
    public HttpClient As(string clientId)
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var secret = File.ReadAllLines(Path.Combine(_directory, "demo-credentials.txt"))
            .Select(line => line.Split(' '))
            .Single(parts => parts.Length >= 4 && parts[0] == clientId)[3];
        using var response = http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        })).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("access_token").GetString());
        return http;
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Concordat:DataDirectory", _directory);
        builder.UseSetting("Concordat:PublicBaseUrl", "https://hub.example.gov.uk");
        builder.UseSetting("Concordat:Citizen:SeedDemoRecords", "false");
        builder.UseSetting("Concordat:RateLimitPermits", "2000000000");
        builder.UseSetting("Logging:LogLevel:Default", "None");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}
