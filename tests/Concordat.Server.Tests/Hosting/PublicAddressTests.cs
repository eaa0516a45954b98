using System.Text.Json;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Hosting;

/// <summary>The hub names itself by its configured public address, never by the Host header a caller sends.</summary>
public sealed class PublicAddressTests : IClassFixture<ConcordatHost>
{
    private readonly ConcordatHost _host;

    public PublicAddressTests(ConcordatHost host) => _host = host;

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/v1/catalogue")]
    public async Task A_forged_host_header_is_never_echoed(string path)
    {
        using var http = _host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example";
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://hub.example.gov.uk", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_names_the_public_address_as_its_only_server()
    {
        using var http = _host.Anonymous();
        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var servers = document.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        Assert.Equal(["https://hub.example.gov.uk"], servers);
    }

    [Theory]
    [InlineData("hub.example.gov.uk")]
    [InlineData("ftp://hub.example.gov.uk")]
    [InlineData("https://user:pass@hub.example.gov.uk")]
    [InlineData("https://hub.example.gov.uk/?x=1")]
    public void A_public_address_that_is_not_a_plain_http_or_https_url_stops_the_hub(string address)
    {
        using var host = new SettingsHost(new Dictionary<string, string?> { ["Concordat:PublicBaseUrl"] = address });
        var error = Assert.ThrowsAny<Exception>(host.EnsureStarted);
        Assert.Contains("PublicBaseUrl", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class SettingsHost(Dictionary<string, string?> settings) : ConcordatHost(settings);
}
