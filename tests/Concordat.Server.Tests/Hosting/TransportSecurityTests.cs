using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Concordat.Server.Tests.Hosting;

/// <summary>A hub on Kestrel over HTTPS (a self-signed certificate), to see what only HTTPS responses carry.</summary>
public sealed class HttpsHost : ConcordatHost
{
    private readonly string _thumbprint;

    public HttpsHost()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        _thumbprint = certificate.GetCertHashString();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
    }

    /// <summary>A client that trusts the test certificate.</summary>
    public HttpClient Https() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _thumbprint },
    })
    { BaseAddress = BaseAddress };
}

/// <summary>HTTP Strict Transport Security: sent over HTTPS with a year's max-age, never over plain HTTP.</summary>
public sealed class TransportSecurityTests : IClassFixture<HttpsHost>, IClassFixture<ConcordatHost>
{
    private readonly HttpsHost _https;
    private readonly ConcordatHost _http;

    public TransportSecurityTests(HttpsHost https, ConcordatHost http)
    {
        _https = https;
        _http = http;
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/")]
    [InlineData("/api/v1/datasets")]
    public async Task Https_responses_carry_hsts_for_a_year(string path)
    {
        Assert.Equal("https", _https.BaseAddress.Scheme);
        using var client = _https.Https();
        using var response = await client.GetAsync(path);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Plain_http_responses_do_not()
    {
        using var client = _http.Anonymous();
        using var response = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
