using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concordat.Server.Tests.Hosting;

public sealed class CapturingHost : ConcordatHost
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}

/// <summary>Checklist rows 6 and 19: secrets, tokens and personal identifiers never reach the log; failures do.</summary>
public sealed class LoggingTests : IClassFixture<CapturingHost>
{
    private readonly CapturingHost _host;

    public LoggingTests(CapturingHost host) => _host = host;

    [Fact]
    public async Task Secrets_tokens_identifiers_and_injected_input_stay_out_of_the_log()
    {
        var token = await _host.TokenAsync("dwp-steward");
        using var http = _host.Anonymous();
        using (await http.PostAsync("/oauth2/token", Form("dwp-steward", "wrong-secret-value")))
        {
        }

        using (await http.PostAsync("/oauth2/token", Form("evil\r\nCritical forged entry", "another-secret-value")))
        {
        }

        using (var basic = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }) })
        {
            basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("hmrc-service:basic-secret-value")));
            using var _ = await http.SendAsync(basic);
        }

        using var steward = _host.WithBearer(token);
        using (await steward.PostAsync("/api/v1/datasets/dwp-claimants/records/lookup", Bodies.Json("""{"key":"AB123456C"}""")))
        {
        }

        using (var forged = _host.WithBearer(token[..^4] + "AAAA"))
        using (await forged.PostAsync("/api/v1/datasets/dwp-claimants/records/lookup", Bodies.Json("""{"key":"QQ123456C"}""")))
        {
        }

        var log = string.Join('\n', _host.Logs.Lines);
        Assert.Contains("Issued access token", log, StringComparison.Ordinal);
        Assert.Contains("wrong secret", log, StringComparison.Ordinal);
        Assert.Contains("Bearer token rejected", log, StringComparison.Ordinal);
        foreach (var secret in _host.Secrets.Values)
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }

        foreach (var leaked in new[] { token, token.Split('.')[1], token.Split('.')[2], "wrong-secret-value", "another-secret-value", "basic-secret-value", "forged entry", "AB123456C", "QQ123456C" })
        {
            Assert.DoesNotContain(leaked, log, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unhandled_exception_is_logged_with_the_trace_id_the_caller_got()
    {
        using (var connection = _host.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO datasets (id, organisation_id, title, keywords, schema_json, schema_version, created_at, updated_at)
                VALUES ('broken-for-logs', 'hmrc', 'Broken', '[]', 'not json', 1, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z')
                """;
            command.ExecuteNonQuery();
        }

        using var http = await _host.AsAsync("hub-admin");
        using var response = await http.GetAsync("/api/v1/datasets/broken-for-logs");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var traceId = (await Problem.ReadAsync(response, 500)).GetProperty("traceId").GetString()!;
        Assert.Contains(_host.Logs.Lines, line => line.Contains("Unhandled exception for GET /api/v1/datasets/{id}", StringComparison.Ordinal) && line.Contains(traceId, StringComparison.Ordinal));
    }

    private static FormUrlEncodedContent Form(string clientId, string secret) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
    });
}
