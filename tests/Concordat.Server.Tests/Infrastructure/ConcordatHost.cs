using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Infrastructure;

/// <summary>
/// The real hub on Kestrel bound to 127.0.0.1 (random port) over its own temporary data directory, seeded with the
/// demo organisations and clients. Tests get real tokens from the real token endpoint with the demo secrets.
/// </summary>
public class ConcordatHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;
    private readonly bool _ownsDirectory;
    private Dictionary<string, string>? _secrets;

    public ConcordatHost()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Settings over the defaults.</param>
    /// <param name="time">A clock to use instead of the system's.</param>
    /// <param name="dataDirectory">A data directory the caller owns, or null for a fresh one deleted on dispose.</param>
    /// <param name="bindInCode">
    /// True to bind 127.0.0.1 on a random port in code; false to let the hub bind its <c>urls</c> setting itself, as a
    /// federation node does (it must, to add its federation listener beside the public one).
    /// </param>
    protected ConcordatHost(Dictionary<string, string?> settings, TimeProvider? time = null, string? dataDirectory = null, bool bindInCode = true)
    {
        _settings = settings;
        _time = time;
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "concordat-server-tests", Guid.NewGuid().ToString("N"));
        if (bindInCode)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            UseKestrel();
        }
    }

    public string DataDirectory { get; }

    public string CredentialsPath => Path.Combine(DataDirectory, "demo-credentials.txt");

    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();

    /// <summary>Demo client secrets by client id, read from the credentials file the seeder wrote.</summary>
    public IReadOnlyDictionary<string, string> Secrets
    {
        get
        {
            EnsureStarted();
            return _secrets ??= File.ReadAllLines(CredentialsPath)
                .Where(line => !line.StartsWith('#') && line.Length > 0)
                .Select(line => line.Split(' '))
                .ToDictionary(parts => parts[0], parts => parts[3], StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// The address of the public API: the one address Kestrel listens on, or, on a federation node (whose federation
    /// listener is the https one), its plain http address.
    /// </summary>
    public Uri BaseAddress
    {
        get
        {
            EnsureStarted();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new Uri(addresses.Count == 1 ? addresses.Single() : addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
        }
    }

    public void EnsureStarted() => StartServer();

    /// <summary>A client with no credentials, talking to Kestrel over loopback.</summary>
    public HttpClient Anonymous() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>Gets a token for a demo client from the token endpoint.</summary>
    public async Task<string> TokenAsync(string clientId, string? scope = null)
    {
        using var http = Anonymous();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = Secrets[clientId],
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var response = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A client that sends a fresh token of the given demo client.</summary>
    public async Task<HttpClient> AsAsync(string clientId)
    {
        var http = Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(clientId));
        return http;
    }

    /// <summary>A client that sends the given bearer token as is.</summary>
    public HttpClient WithBearer(string token)
    {
        var http = Anonymous();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return http;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Concordat:DataDirectory", DataDirectory);
        builder.UseSetting("Concordat:PublicBaseUrl", "https://hub.example.gov.uk");
        // The demo citizens' records would change other tests' record counts; citizen tests turn them back on.
        builder.UseSetting("Concordat:Citizen:SeedDemoRecords", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_time));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDirectory)
        {
            TryDelete(DataDirectory);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDirectory)
        {
            TryDelete(DataDirectory);
        }

        GC.SuppressFinalize(this);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment after shutdown; the temp folder is cleaned eventually.
        }
    }
}
