using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Ingestion;
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Api.Subscriptions;

/// <summary>
/// A webhook-enabled hub with DWP benefit claimants loaded, and helpers to approve agreements between DWP and Leeds,
/// subscribe, ingest changes through the real <see cref="IngestService"/>, and wait on the fake clock.
/// </summary>
public sealed class SubscriptionFixture : IAsyncLifetime
{
    public const string Consumer = "leeds-council-service";

    public WebhookHost Host { get; } = new();

    public IAuditLog Audit => Host.Services.GetRequiredService<IAuditLog>();

    public Task InitializeAsync()
    {
        Seed(Host);
        return Task.CompletedTask;
    }

    /// <summary>Loads Ann (two claims, aged 75) and Bob (aged 35) into dwp-claimants.</summary>
    public static void Seed(ConcordatHost host)
    {
        IngestSeed.Run(host, "dwp-claimants",
        [
            ("AB123456C|pension-credit", """{"nino":"AB123456C","givenName":"Ann","familyName":"O'Neill","dateOfBirth":"1950-03-04","postcode":"LS1 4AP","benefit":"pension-credit","claimStart":"2020-01-01"}"""),
            ("AB123456C|attendance-allowance", """{"nino":"AB123456C","givenName":"Ann","familyName":"O'Neill","dateOfBirth":"1950-03-04","postcode":"LS1 4AP","benefit":"attendance-allowance","claimStart":"2021-06-01"}"""),
            ("CE987654D|universal-credit", """{"nino":"CE987654D","givenName":"Bob","familyName":"Smith","dateOfBirth":"1990-01-01","postcode":"LS6 2BB","benefit":"universal-credit","claimStart":"2022-02-02"}"""),
        ]);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Drafts, submits and approves an agreement (ExchangeFixture's terms); returns its id.</summary>
    public Task<string> ActiveAgreementAsync(string id) => ActiveAgreementAsync(Host, id);

    /// <summary>Drafts, submits and approves an agreement on <paramref name="host"/>; returns its id.</summary>
    public static async Task<string> ActiveAgreementAsync(ConcordatHost host, string id)
    {
        using var consumer = await host.AsAsync("leeds-council-steward");
        using var steward = await host.AsAsync("dwp-steward");
        using var dpo = await host.AsAsync("dwp-dpo");
        await ExpectAsync(consumer.PostAsync("/api/v1/agreements", Bodies.Json(ExchangeFixture.Draft(id))), HttpStatusCode.Created);
        await ExpectAsync(consumer.PostAsync($"/api/v1/agreements/{id}/submit", Bodies.Json("{}")), HttpStatusCode.OK);
        await ExpectAsync(steward.PostAsync($"/api/v1/agreements/{id}/approve", Bodies.Json("""{"role":"steward","reason":"Fields are the minimum."}""")), HttpStatusCode.OK);
        await ExpectAsync(dpo.PostAsync($"/api/v1/agreements/{id}/approve", Bodies.Json("""{"role":"dpo","reason":"Lawful under DEA Part 5."}""")), HttpStatusCode.OK);
        return id;
    }

    public static JsonObject Subscription(string agreementId, Uri callback, string[] events, string purpose = "benefit-eligibility", params string[] fields)
    {
        var body = new JsonObject
        {
            ["agreementId"] = agreementId,
            ["purpose"] = purpose,
            ["datasetId"] = "dwp-claimants",
            ["events"] = new JsonArray(events.Select(e => (JsonNode)e).ToArray()),
            ["callbackUrl"] = callback.AbsoluteUri,
        };
        if (fields.Length > 0)
        {
            body["fields"] = new JsonArray(fields.Select(f => (JsonNode)f).ToArray());
        }

        return body;
    }

    /// <summary>Subscribes as the Leeds service client; returns the subscription id and its secret.</summary>
    public Task<(string Id, string Secret)> SubscribeAsync(string agreementId, Uri callback, params string[] events) => SubscribeAsync(Host, agreementId, callback, events);

    /// <summary>Subscribes on <paramref name="host"/> as the Leeds service client.</summary>
    public static async Task<(string Id, string Secret)> SubscribeAsync(ConcordatHost host, string agreementId, Uri callback, params string[] events)
    {
        using var consumer = await host.AsAsync(Consumer);
        var created = await ExpectAsync(consumer.PostAsync("/api/v1/exchange/subscriptions", Bodies.Json(Subscription(agreementId, callback, events))), HttpStatusCode.Created);
        return (created.GetProperty("subscription").GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    public async Task UnsubscribeAsync(string id)
    {
        using var consumer = await Host.AsAsync(Consumer);
        await ExpectAsync(consumer.DeleteAsync($"/api/v1/exchange/subscriptions/{id}"), HttpStatusCode.NoContent);
    }

    public Task<JsonElement> DeliveriesAsync(string subscriptionId) => DeliveriesAsync(Host, subscriptionId);

    public static async Task<JsonElement> DeliveriesAsync(ConcordatHost host, string subscriptionId)
    {
        using var consumer = await host.AsAsync(Consumer);
        return await ExpectAsync(consumer.GetAsync($"/api/v1/exchange/subscriptions/{subscriptionId}/deliveries"), HttpStatusCode.OK);
    }

    /// <summary>Loads CSV rows (nino,givenName,familyName,dateOfBirth,postcode,benefit,claimStart) incrementally through the real ingest service.</summary>
    public Task<IngestRun> IngestAsync(params string[] rows) => IngestAsync(Host, rows);

    /// <summary>Loads CSV rows incrementally through <paramref name="host"/>'s ingest service.</summary>
    public static async Task<IngestRun> IngestAsync(ConcordatHost host, params string[] rows)
    {
        var mapping = new IngestMapping
        {
            Mode = RefreshMode.Incremental,
            Fields = new[] { "nino", "givenName", "familyName", "dateOfBirth", "postcode", "benefit", "claimStart" }.Select(f => new FieldMapping(f)).ToList(),
        };
        var csv = "nino,givenName,familyName,dateOfBirth,postcode,benefit,claimStart\n" + string.Join("\n", rows) + "\n";
        var request = new IngestRequest("dwp-claimants", "adhoc", mapping, "tests") { Content = new MemoryStream(Encoding.UTF8.GetBytes(csv)) };
        var result = await host.Services.GetRequiredService<IngestService>().IngestAsync(request, CancellationToken.None);
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.True(result.Value.Status == IngestRunStatus.Succeeded, result.Value.Error);
        return result.Value;
    }

    /// <summary>Waits (at most 20 s) for a condition, moving the hub's clock on a minute at a time when asked so retries fall due.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, bool advanceClock, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            if (advanceClock)
            {
                Host.Clock.Advance(TimeSpan.FromMinutes(1));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Audit entries appended since <paramref name="fromIndex"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditSinceAsync(long fromIndex)
    {
        var size = await Audit.GetSizeAsync(default);
        var entries = new List<AuditEntry>();
        for (var i = fromIndex; i < size; i++)
        {
            entries.Add((await Audit.GetEntryAsync(i, default))!.Entry);
        }

        return entries;
    }

    public static Task<JsonElement> ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode status) => ExchangeFixture.ExpectAsync(call, status);
}
