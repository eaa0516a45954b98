using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Api.Subscriptions;
using Concordat.Server.Tests.Hosting;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Concordat.Server.Tests.Reliability;

/// <summary>
/// Issue 13 item 2: 64 concurrent clients for a bounded time against one hub, mixing look-ups, verifications and
/// extracts under an agreement, refusals (a consumer without an agreement, a steward calling a consumer route),
/// malformed bodies and requests without a token. No answer may be a 5xx (or anything but the answer each kind
/// expects), and the audit log must hold exactly one entry per request that the audit policy says is audited, counted
/// per kind: every request with a valid token to a data route, granted or refused or malformed; none for requests
/// without a token (those are security events). <c>CONCORDAT_LOAD_SECONDS</c> (default 10) and
/// <c>CONCORDAT_LOAD_CLIENTS</c> (default 64) set the size; scripts/load.sh runs the long variant.
/// </summary>
public sealed class LoadTests : IDisposable
{
    private const string Agreement = "load-test";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-server-tests", "load-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _output;

    public LoadTests(ITestOutputHelper output) => _output = output;

    private static int Seconds => Setting("CONCORDAT_LOAD_SECONDS", 10);

    private static int Clients => Setting("CONCORDAT_LOAD_CLIENTS", 64);

    /// <summary>One kind of request: who sends what, the status it must get, and the audit entry it must leave (null: none).</summary>
    private sealed record Kind(string Name, string ClientId, string Path, Func<HttpContent> Body, HttpStatusCode Status, (string Action, AuditOutcome Outcome, string? Reason)? Audit);

    [Fact]
    public async Task Sixty_four_clients_get_no_5xx_and_every_audited_request_is_exactly_one_entry()
    {
        await using var host = new DirectoryHost(new Dictionary<string, string?> { ["Concordat:RateLimitPermits"] = "100000000" }, _directory);
        SubscriptionFixture.Seed(host);
        await ExchangeFixture.ActivateAsync(host, Agreement);

        var lookup = ExchangeFixture.Lookup(Agreement, "AB123456C").ToJsonString();
        var verification = new JsonObject
        {
            ["agreementId"] = Agreement,
            ["purpose"] = "benefit-eligibility",
            ["datasetId"] = "dwp-claimants",
            ["identifier"] = new JsonObject { ["kind"] = "nino", ["value"] = "AB123456C" },
            ["claims"] = new JsonObject { ["givenName"] = "Ann", ["postcode"] = "LS1 4AP" },
        }.ToJsonString();
        var extract = new JsonObject { ["agreementId"] = Agreement, ["purpose"] = "benefit-eligibility", ["datasetId"] = "dwp-claimants", ["format"] = "csv" }.ToJsonString();
        Kind[] kinds =
        [
            new("look-up", "leeds-council-service", "/api/v1/exchange/lookups", () => Bodies.Json(lookup), HttpStatusCode.OK, ("lookup", AuditOutcome.Permitted, null)),
            new("verification", "leeds-council-service", "/api/v1/exchange/verifications", () => Bodies.Json(verification), HttpStatusCode.OK, ("verify", AuditOutcome.Permitted, null)),
            new("extract", "leeds-council-service", "/api/v1/exchange/extracts", () => Bodies.Json(extract), HttpStatusCode.Created, ("extract", AuditOutcome.Permitted, null)),
            new("no agreement", "hmrc-service", "/api/v1/exchange/lookups", () => Bodies.Json(lookup), HttpStatusCode.Forbidden, ("lookup", AuditOutcome.Denied, "policy.not_consumer")),
            new("wrong role", "dwp-steward", "/api/v1/exchange/verifications", () => Bodies.Json(verification), HttpStatusCode.Forbidden, ("verify", AuditOutcome.Denied, "auth.forbidden")),
            new("malformed JSON", "leeds-council-service", "/api/v1/exchange/lookups", () => new StringContent("""{"agreementId":""", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, ("lookup", AuditOutcome.Denied, "request.invalid_json")),
            new("wrong media type", "leeds-council-service", "/api/v1/exchange/extracts", () => new StringContent(extract, Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, ("extract", AuditOutcome.Denied, "request.unsupported_media_type")),
            new("no token", "", "/api/v1/exchange/lookups", () => Bodies.Json(lookup), HttpStatusCode.Unauthorized, null),
        ];

        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var clientId in kinds.Select(k => k.ClientId).Where(c => c.Length > 0).Distinct())
        {
            tokens[clientId] = await host.TokenAsync(clientId);
        }

        var audit = host.Services.GetRequiredService<IAuditLog>();
        var start = await audit.GetSizeAsync(default);
        var sent = new long[kinds.Length];
        var wrong = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(Seconds));
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            using var http = host.Anonymous();
            for (var n = client; !stop.IsCancellationRequested; n++)
            {
                var kind = n % kinds.Length;
                using var request = new HttpRequestMessage(HttpMethod.Post, kinds[kind].Path) { Content = kinds[kind].Body() };
                if (kinds[kind].ClientId.Length > 0)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[kinds[kind].ClientId]);
                }

                // Not cancelled by the deadline: a request once sent is counted with its answer.
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref sent[kind]);
                if (response.StatusCode != kinds[kind].Status)
                {
                    wrong.Enqueue($"{kinds[kind].Name}: {(int)response.StatusCode}");
                }
            }
        })).ToList();
        await Task.WhenAll(clients);

        var end = await audit.GetSizeAsync(default);
        var counted = new Dictionary<(string ClientId, string Action, AuditOutcome Outcome, string? Reason), long>();
        for (var index = start; index < end; index++)
        {
            var entry = (await audit.GetEntryAsync(index, default))!.Entry;
            var key = (entry.ClientId, entry.Action, entry.Outcome, entry.Outcome == AuditOutcome.Denied ? entry.ReasonCode : null);
            counted[key] = counted.GetValueOrDefault(key) + 1;
        }

        var report = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{Clients} clients for {Seconds} s: {sent.Sum()} requests, {end - start} audit entries\n");
        for (var kind = 0; kind < kinds.Length; kind++)
        {
            var entries = kinds[kind].Audit is { } a ? counted.GetValueOrDefault((kinds[kind].ClientId, a.Action, a.Outcome, a.Reason)) : 0;
            report.Append(CultureInfo.InvariantCulture, $"  {kinds[kind].Name}: {sent[kind]} requests, answered {(int)kinds[kind].Status}, {entries} audit entries\n");
        }

        _output.WriteLine(report.ToString());
        Assert.True(wrong.IsEmpty, "Unexpected answers: " + string.Join(", ", wrong.GroupBy(w => w).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.All(sent, count => Assert.True(count > 0, report.ToString()));
        for (var kind = 0; kind < kinds.Length; kind++)
        {
            if (kinds[kind].Audit is { } a)
            {
                Assert.True(counted.Remove((kinds[kind].ClientId, a.Action, a.Outcome, a.Reason), out var entries) && entries == sent[kind], $"{kinds[kind].Name}: {sent[kind]} requests but {entries} entries\n{report}");
            }
        }

        // Nothing else was written: requests without a token left no entry.
        Assert.True(counted.Count == 0, "Entries no request accounts for: " + string.Join(", ", counted.Select(c => $"{c.Key} x{c.Value}")));
    }

    private static int Setting(string name, int otherwise) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : otherwise;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder.
        }
    }
}
