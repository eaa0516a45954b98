using System.Net;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Infrastructure;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>
/// Issue 15 item 6: a refused request with a huge free-text member leaves a small entry. Five requests with a 1 MB
/// purpose grew the store by 6.8 MB before; now each entry is bounded and the purpose is refused with its code.
/// </summary>
public sealed class AuditBoundsTests : IClassFixture<ExchangeFixture>
{
    private const int Megabyte = 1024 * 1024;
    private readonly ExchangeFixture _fx;

    public AuditBoundsTests(ExchangeFixture fixture) => _fx = fixture;

    private long StoreBytes() =>
        new DirectoryInfo(_fx.Host.DataDirectory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    [Fact]
    public async Task A_one_megabyte_purpose_is_refused_with_its_code_and_grows_the_store_by_a_bounded_amount()
    {
        var agreement = await _fx.ActiveAgreementAsync("bounds-purpose");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        // Personal data sent as a purpose must not reach the append-only log either.
        var purpose = "AB123456C " + new string('x', Megabyte);
        var sizeBefore = await _fx.Audit.GetSizeAsync(default);
        var bytesBefore = StoreBytes();

        for (var i = 0; i < 5; i++)
        {
            var problem = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C", purpose))), 403);
            Assert.Equal("policy.unknown_purpose", Problem.Code(problem));
        }

        var growth = StoreBytes() - bytesBefore;
        Assert.Equal(sizeBefore + 5, await _fx.Audit.GetSizeAsync(default));
        for (var index = sizeBefore; index < sizeBefore + 5; index++)
        {
            var entry = (await _fx.Audit.GetEntryAsync(index, default))!.Entry;
            Assert.Equal((AuditOutcome.Denied, "policy.unknown_purpose", AuditEntry.Withheld), (entry.Outcome, entry.ReasonCode, entry.Purpose));
            Assert.True(AuditEntryCodec.Encode(index, entry).Length < 1024, $"entry {index} is {AuditEntryCodec.Encode(index, entry).Length} bytes");
        }

        // The database pages of five small entries, whatever SQLite rounds them up to: nowhere near the 5 MB sent.
        Assert.True(growth < 512 * 1024, $"the store grew by {growth} bytes");
    }

    [Fact]
    public async Task Every_free_text_member_of_every_exchange_request_is_bounded()
    {
        var agreement = await _fx.ActiveAgreementAsync("bounds-members");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        var huge = new string('y', Megabyte);
        var manyFields = new JsonArray(Enumerable.Range(0, 5_000).Select(i => (JsonNode)("field" + i + new string('z', 200))).ToArray());
        var requests = new (string Path, JsonObject Body)[]
        {
            ("/api/v1/exchange/lookups", new JsonObject { ["agreementId"] = huge, ["purpose"] = "benefit-eligibility", ["datasetId"] = huge, ["identifier"] = new JsonObject { ["kind"] = "nino", ["value"] = "AB123456C" } }),
            ("/api/v1/exchange/lookups", new JsonObject { ["agreementId"] = agreement, ["purpose"] = "benefit-eligibility", ["datasetId"] = "dwp-claimants", ["identifier"] = new JsonObject { ["kind"] = "nino", ["value"] = "AB123456C" }, ["fields"] = manyFields.DeepClone() }),
            ("/api/v1/exchange/verifications", new JsonObject { ["agreementId"] = agreement, ["purpose"] = huge, ["datasetId"] = "dwp-claimants", ["identifier"] = new JsonObject { ["kind"] = "nino", ["value"] = "AB123456C" }, ["claims"] = new JsonObject { ["givenName"] = huge } }),
            ("/api/v1/exchange/extracts", new JsonObject { ["agreementId"] = agreement, ["purpose"] = huge, ["datasetId"] = huge, ["format"] = "csv", ["fields"] = manyFields.DeepClone() }),
            ("/api/v1/exchange/aggregates", new JsonObject { ["agreementId"] = agreement, ["purpose"] = "benefit-eligibility", ["datasetId"] = "dwp-claimants", ["groupBy"] = manyFields.DeepClone() }),
            ("/api/v1/exchange/subscriptions", new JsonObject { ["agreementId"] = huge, ["purpose"] = huge, ["datasetId"] = huge, ["events"] = new JsonArray("changed"), ["callbackUrl"] = "https://hooks.example.gov.uk/x", ["fields"] = manyFields.DeepClone() }),
        };

        foreach (var (path, body) in requests)
        {
            var before = await _fx.Audit.GetSizeAsync(default);
            using var response = await consumer.PostAsync(path, Bodies.Json(body));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(before + 1, await _fx.Audit.GetSizeAsync(default));
            var entry = (await _fx.Audit.GetEntryAsync(before, default))!.Entry;
            var length = AuditEntryCodec.Encode(before, entry).Length;
            Assert.True(length <= 20 * 1024, $"{path}: entry of {length} bytes");
            Assert.All(new[] { entry.AgreementId, entry.Purpose, entry.DatasetId, entry.ReasonCode, entry.TraceId }, t => Assert.True(t is null || t.Length <= AuditEntry.MaxTextLength));
            Assert.True(entry.Fields.Count <= AuditEntry.MaxFields);
            Assert.All(entry.Fields, f => Assert.True(f.Length <= AuditEntry.MaxTextLength));
            Assert.DoesNotContain(huge, entry.Purpose, StringComparison.Ordinal);
        }
    }
}
