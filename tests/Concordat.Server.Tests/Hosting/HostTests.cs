using System.Net;
using System.Text.Json;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Hosting;

public sealed class HostTests : IClassFixture<ConcordatHost>
{
    private readonly ConcordatHost _host;

    public HostTests(ConcordatHost host) => _host = host;

    [Fact]
    public void Server_listens_on_loopback_only()
    {
        using var http = _host.Anonymous();
        Assert.Equal("127.0.0.1", http.BaseAddress!.Host);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_are_public_and_healthy(string path)
    {
        using var http = _host.Anonymous();
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_no_server_header()
    {
        using var http = _host.Anonymous();
        foreach (var path in new[] { "/health/live", "/api/v1/organisations", "/api/v1/catalogue" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Server"), $"{path} sent a Server header");
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path} is cacheable");
        }
    }

    [Fact]
    public async Task Json_responses_name_their_charset()
    {
        using var http = await _host.AsAsync("hmrc-service");
        using var response = await http.GetAsync("/api/v1/datasets");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"organisationId\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"OrganisationId\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openapi_document_is_public_and_describes_the_api()
    {
        using var http = _host.Anonymous();
        using var response = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/oauth2/token", "/api/v1/datasets", "/api/v1/datasets/{id}/schema", "/api/v1/runs/{runId}/quarantine", "/api/v1/datasets/{id}/records/history" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }

        Assert.Equal("oauth2", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Api_reference_is_served_with_its_script_from_the_hub()
    {
        using var http = _host.Anonymous();
        var page = await http.GetStringAsync("/scalar/");
        Assert.Contains("scalar.js", page, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr", page, StringComparison.Ordinal);
        using var script = await http.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }

    [Fact]
    public void Demo_credentials_and_signing_key_are_owner_only()
    {
        _host.EnsureStarted();
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_host.CredentialsPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_host.DataDirectory, "keys", "token-signing.sealed")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_host.DataDirectory, "keys", "master.key")));
        var clients = _host.Secrets.Keys.ToHashSet();
        // The admin, then a steward, a consumer service and a data protection officer per department.
        Assert.Equal(13, clients.Count);
        Assert.Contains("hub-admin", clients);
        foreach (var org in new[] { "hmrc", "dwp", "dvla", "leeds-council" })
        {
            Assert.Contains($"{org}-steward", clients);
            Assert.Contains($"{org}-service", clients);
            Assert.Contains($"{org}-dpo", clients);
        }
    }
}
