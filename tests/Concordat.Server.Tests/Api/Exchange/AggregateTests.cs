using System.Net;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Infrastructure;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>Aggregate queries under disclosure control, on their own hub so the extra people do not disturb other tests.</summary>
public sealed class AggregateTests : IClassFixture<ExchangeFixture>
{
    private readonly ExchangeFixture _fx;

    public AggregateTests(ExchangeFixture fixture) => _fx = fixture;

    private static JsonObject Extract(string agreementId, string format) => BulkExchangeTests.Extract(agreementId, format);

    [Fact]
    public async Task Aggregate_suppresses_small_cells_and_extract_is_refused_in_aggregate_mode()
    {
        // LS2: 20 people, LS3: 15, LS7: 3; the fixture adds 2 records in LS1.
        var more = Enumerable.Range(0, 38).Select(i =>
        {
            var nino = $"JK{i:D6}A";
            var district = i < 20 ? 2 : i < 35 ? 3 : 7;
            return ($"{nino}|pension-credit", $$"""{"nino":"{{nino}}","givenName":"P{{i}}","dateOfBirth":"1945-01-01","postcode":"LS{{district}} 1AA","benefit":"pension-credit"}""");
        }).ToList();
        IngestSeed.Run(_fx.Host, "dwp-claimants", more);
        var agreement = await _fx.ActiveAgreementAsync("bulk-aggregate", terms =>
        {
            terms["disclosureMode"] = "aggregate";
            terms["datasets"]![0]!["fields"] = new JsonArray(
                new JsonObject { ["name"] = "postcode", ["transform"] = "postcodeDistrict", ["groupable"] = true },
                new JsonObject { ["name"] = "benefit", ["groupable"] = true });
        });
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        var refused = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/extracts", Bodies.Json(Extract(agreement, "csv"))), 403);
        Assert.Equal("exchange.aggregate_only", Problem.Code(refused));
        Assert.Equal(AuditOutcome.Denied, (await _fx.LastAuditAsync()).Entry.Outcome);

        var body = new JsonObject
        {
            ["agreementId"] = agreement,
            ["purpose"] = "benefit-eligibility",
            ["datasetId"] = "dwp-claimants",
            ["groupBy"] = new JsonArray("postcode"),
        };
        var table = await ExpectAsync(consumer.PostAsync("/api/v1/exchange/aggregates", Bodies.Json(body)), HttpStatusCode.OK);
        var cells = table.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("group")[0].GetString()!, c => c);
        // LS7 (3) and LS1 (2) are under the threshold of 10: they are counted as suppressed and not listed, labels and all;
        // whatever is published is at least 10 and a multiple of 5.
        Assert.Equal(["LS2", "LS3"], cells.Keys);
        Assert.Equal(2, table.GetProperty("suppressed").GetProperty("primary").GetInt32());
        var published = cells.Values.Select(c => c.GetProperty("count").GetInt64()).ToList();
        Assert.All(published, n => Assert.True(n >= 10 && n % 5 == 0, $"published count {n}"));
        Assert.Equal(10, table.GetProperty("threshold").GetInt32());
        Assert.Equal("aggregate", (await _fx.LastAuditAsync()).Entry.Action);
        Assert.Empty((await _fx.LastAuditAsync()).Entry.SubjectKeys);
    }

}
