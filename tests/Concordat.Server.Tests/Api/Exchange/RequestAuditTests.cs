using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>
/// Issue 15 item 5: every request that reaches an exchange route with a valid token is exactly one audit entry, however
/// malformed; requests without a valid token, failed client authentications and rate-limited requests are counted as
/// security events per caller and minute, so nobody can grow the append-only log per request.
/// </summary>
public sealed class RequestAuditTests : IAsyncLifetime
{
    // Small limits so the limits can be reached cheaply; a fake clock so windows close when the test says.
    private readonly LimitedHost _host = new(new Dictionary<string, string?>
    {
        ["Concordat:MaxRequestBodyBytes"] = "4096",
        ["Concordat:RateLimitPermits"] = "40",
    });

    private IAuditLog Audit => _host.Services.GetRequiredService<IAuditLog>();

    public Task InitializeAsync()
    {
        _host.EnsureStarted();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, string, string, int, string> Malformed => new()
    {
        { "/api/v1/exchange/lookups", "lookup", "application/json", """{"agreementId":""", 400, "request.invalid_json" },
        { "/api/v1/exchange/lookups", "lookup", "application/json", """{"agreementId":"a","purpose":"benefit-eligibility","datasetId":"d","identifier":{"kind":"nino","value":"AB123456C"},"ownerId":"dwp"}""", 400, "request.unknown_property" },
        { "/api/v1/exchange/lookups", "lookup", "application/json", """{"agreementId":"a","agreementId":"b","purpose":"benefit-eligibility","datasetId":"d","identifier":{"kind":"nino","value":"AB123456C"}}""", 400, "request.duplicate_property" },
        { "/api/v1/exchange/lookups", "lookup", "text/plain", """{"agreementId":"a"}""", 415, "request.unsupported_media_type" },
        { "/api/v1/exchange/lookups", "lookup", "application/json", "", 400, "request.invalid_body" },
        { "/api/v1/exchange/lookups", "lookup", "application/json", """{"agreementId":"a","identifier":{"kind":"passport","value":"1"}}""", 400, "request.invalid_json" },
        { "/api/v1/exchange/verifications", "verify", "application/json", "[1,2,3]", 400, "request.invalid_json" },
        { "/api/v1/exchange/extracts", "extract", "application/json", """{"agreementId":"a","purpose":"benefit-eligibility","datasetId":"d","format":"xlsx"}""", 400, "request.invalid_json" },
        { "/api/v1/exchange/aggregates", "aggregate", "application/xml", "<groupBy/>", 415, "request.unsupported_media_type" },
        { "/api/v1/exchange/subscriptions", "subscribe", "application/json", """{"agreementId":"a","purpose":"benefit-eligibility","datasetId":"d","events":["changed"],"callbackUrl":"https://x.example","secret":"mine"}""", 400, "request.unknown_property" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_request_with_a_valid_token_is_exactly_one_denied_entry(string path, string action, string contentType, string body, int status, string code)
    {
        using var consumer = await _host.AsAsync("leeds-council-service");
        var before = await Audit.GetSizeAsync(default);

        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var problem = await Problem.ReadAsync(await consumer.PostAsync(path, content), status);

        Assert.Equal(code, Problem.Code(problem));
        Assert.Equal(before + 1, await Audit.GetSizeAsync(default));
        var entry = (await Audit.GetEntryAsync(before, default))!.Entry;
        Assert.Equal((action, AuditOutcome.Denied, code, "leeds-council-service", "leeds-council"), (entry.Action, entry.Outcome, entry.ReasonCode, entry.ClientId, entry.OrganisationId));
        Assert.Equal(problem.GetProperty("traceId").GetString(), entry.TraceId);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_one_denied_entry_whether_declared_or_chunked()
    {
        var big = "{\"agreementId\":\"" + new string('a', 8_000) + "\"}";

        foreach (var chunked in new[] { false, true })
        {
            // A connection of its own each time: the hub answers 413 without reading the body, then closes it.
            using var consumer = await _host.AsAsync("leeds-council-service");
            var before = await Audit.GetSizeAsync(default);
            using HttpContent content = chunked ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) : new StringContent(big, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exchange/lookups") { Content = content };
            request.Headers.TransferEncodingChunked = chunked;
            var problem = await Problem.ReadAsync(await consumer.SendAsync(request), 413);

            Assert.Equal("request.too_large", Problem.Code(problem));
            Assert.Equal(before + 1, await Audit.GetSizeAsync(default));
            Assert.Equal(("lookup", "request.too_large"), ((await Audit.GetEntryAsync(before, default))!.Entry.Action, (await Audit.GetEntryAsync(before, default))!.Entry.ReasonCode));
        }
    }

    [Fact]
    public async Task A_client_without_the_consumer_role_is_one_denied_entry()
    {
        using var steward = await _host.AsAsync("leeds-council-steward");
        var before = await Audit.GetSizeAsync(default);

        await Problem.ReadAsync(await steward.PostAsync("/api/v1/exchange/aggregates", Bodies.Json("""{"agreementId":"a","purpose":"benefit-eligibility","datasetId":"d","groupBy":["benefit"]}""")), 403);

        Assert.Equal(before + 1, await Audit.GetSizeAsync(default));
        var entry = (await Audit.GetEntryAsync(before, default))!.Entry;
        Assert.Equal(("aggregate", "auth.forbidden", "leeds-council-steward"), (entry.Action, entry.ReasonCode, entry.ClientId));
    }

    [Fact]
    public async Task Reads_of_subscriptions_unknown_extracts_and_wrong_methods_are_one_entry_each()
    {
        using var consumer = await _host.AsAsync("leeds-council-service");
        foreach (var (path, action, status) in new[]
        {
            ("/api/v1/exchange/subscriptions", "subscription-list", 200),
            ("/api/v1/exchange/subscriptions/sub-0000", "subscription-read", 404),
            ("/api/v1/exchange/extracts/ex-00000000000000000000", "extract-manifest", 404),
            ("/api/v1/exchange/extracts/ex-00000000000000000000/data", "extract-download", 404),
            // A wrong method is refused by routing before any endpoint runs; the path still names the data route.
            ("/api/v1/exchange/lookups", "lookup", 405),
        })
        {
            var before = await Audit.GetSizeAsync(default);
            using var response = await consumer.GetAsync(path);
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal(before + 1, await Audit.GetSizeAsync(default));
            var entry = (await Audit.GetEntryAsync(before, default))!.Entry;
            Assert.Equal(action, entry.Action);
            Assert.Equal(status == 200 ? AuditOutcome.Permitted : AuditOutcome.Denied, entry.Outcome);
        }
    }

    [Fact]
    public async Task Requests_without_a_valid_token_leave_no_entry_and_are_counted_per_address_and_minute()
    {
        var before = await Audit.GetSizeAsync(default);
        using var anonymous = _host.Anonymous();
        using var forged = _host.WithBearer("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        // Fewer than the address's rate limit (40), which the token requests below share.
        for (var i = 0; i < 30; i++)
        {
            using var response = await (i % 2 == 0 ? anonymous : forged).PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("a", "AB123456C")));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using var token = await anonymous.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "leeds-council-service",
                ["client_secret"] = "wrong",
            }));
            Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        }

        Assert.Equal(before, await Audit.GetSizeAsync(default));
        var events = await SecurityEventsAsync("hub-admin");
        Assert.Equal(30, Count(events, "unauthenticated", "address:127.0.0.1"));
        Assert.Equal(3, Count(events, "clientAuthenticationFailed", "address:127.0.0.1"));
        // 30 requests, one row: the store does not grow per request.
        Assert.Single(events, e => e.GetProperty("kind").GetString() == "unauthenticated");
        // Address events belong to no organisation, so a DPO does not see them.
        Assert.Equal(0, Count(await SecurityEventsAsync("leeds-council-dpo"), "unauthenticated", "address:127.0.0.1"));
    }

    [Fact]
    public async Task Rate_limited_requests_leave_no_entry_and_are_counted_per_client_for_its_organisation()
    {
        using var consumer = await _host.AsAsync("leeds-council-service");
        var before = await Audit.GetSizeAsync(default);
        var served = 0;
        for (var i = 0; i < 60; i++)
        {
            using var response = await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("no-such-agreement", "AB123456C")));
            served += response.StatusCode == HttpStatusCode.TooManyRequests ? 0 : 1;
        }

        Assert.InRange(served, 1, 40);
        Assert.Equal(before + served, await Audit.GetSizeAsync(default));
        var limited = 60 - served;
        Assert.Equal(limited, Count(await SecurityEventsAsync("leeds-council-dpo"), "rateLimited", "client:leeds-council-service"));
        Assert.Equal(0, Count(await SecurityEventsAsync("dwp-dpo"), "rateLimited", "client:leeds-council-service"));
    }

    private static long Count(IReadOnlyList<JsonElement> events, string kind, string partition) =>
        events.Where(e => e.GetProperty("kind").GetString() == kind && e.GetProperty("partition").GetString() == partition).Sum(e => e.GetProperty("count").GetInt64());

    private async Task<IReadOnlyList<JsonElement>> SecurityEventsAsync(string clientId)
    {
        // The window closes on the hub's clock; the read writes closed windows first.
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var reader = await _host.AsAsync(clientId);
        var page = await ExpectAsync(reader.GetAsync("/api/v1/audit/security-events?limit=1000"), HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>A hub with the given settings on a fake clock.</summary>
    private sealed class LimitedHost : ConcordatHost
    {
        public LimitedHost(Dictionary<string, string?> settings)
            : this(settings, new FakeTimeProvider(DateTimeOffset.UtcNow))
        {
        }

        private LimitedHost(Dictionary<string, string?> settings, FakeTimeProvider clock)
            : base(settings, clock) => Clock = clock;

        public FakeTimeProvider Clock { get; }
    }
}
