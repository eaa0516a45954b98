using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Infrastructure;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>
/// Issue 15 item 1: an aggregate groups only by fields the agreement marks groupable (categorical or generalised), never
/// by identifiers, names, pseudonyms or free text, under any disclosure mode; and a suppressed cell's labels never leave.
/// </summary>
public sealed class AggregateGroupingTests : IClassFixture<AggregateGroupingTests.PeopleFixture>
{
    private readonly ExchangeFixture _fx;

    public AggregateGroupingTests(PeopleFixture fixture) => _fx = fixture.Exchange;

    /// <summary>
    /// The exchange fixture plus 38 people over 65: 20 in LS2, 15 in LS3, 3 in LS7 (the fixture adds 2 in LS1); born in
    /// 1944 (13), 1945 (13) and 1946 (12).
    /// </summary>
    public sealed class PeopleFixture : IAsyncLifetime
    {
        public ExchangeFixture Exchange { get; } = new();

        public async Task InitializeAsync()
        {
            await Exchange.InitializeAsync();
            var more = Enumerable.Range(0, 38).Select(i =>
            {
                var nino = $"JK{i:D6}A";
                var district = i < 20 ? 2 : i < 35 ? 3 : 7;
                return ($"{nino}|pension-credit", $$"""{"nino":"{{nino}}","givenName":"P{{i}}","familyName":"Rare{{i}}","dateOfBirth":"{{1944 + (i % 3)}}-0{{1 + (i % 9)}}-01","postcode":"LS{{district}} 1AA","benefit":"pension-credit"}""");
            }).ToList();
            IngestSeed.Run(Exchange.Host, "dwp-claimants", more);
        }

        public Task DisposeAsync() => Exchange.DisposeAsync();
    }

    private static JsonObject Aggregate(string agreementId, string[] groupBy, string[]? sums = null)
    {
        var body = new JsonObject
        {
            ["agreementId"] = agreementId,
            ["purpose"] = "benefit-eligibility",
            ["datasetId"] = "dwp-claimants",
            ["groupBy"] = new JsonArray(groupBy.Select(g => (JsonNode)g).ToArray()),
        };
        if (sums is not null)
        {
            body["sums"] = new JsonArray(sums.Select(s => (JsonNode)s).ToArray());
        }

        return body;
    }

    private static JsonArray Fields(params (string Name, string? Transform, bool Groupable)[] fields) =>
        new(fields.Select(f =>
        {
            var node = new JsonObject { ["name"] = f.Name };
            if (f.Transform is not null)
            {
                node["transform"] = f.Transform;
            }

            if (f.Groupable)
            {
                node["groupable"] = true;
            }

            return (JsonNode)node;
        }).ToArray());

    private static Action<JsonObject> With(string mode, JsonArray fields) => terms =>
    {
        terms["disclosureMode"] = mode;
        terms["datasets"]![0]!["fields"] = fields;
    };

    private async Task<JsonElement> RefusedAsync(HttpClient consumer, JsonObject body, int status, string code)
    {
        var before = await _fx.Audit.GetSizeAsync(default);
        using var response = await consumer.PostAsync("/api/v1/exchange/aggregates", Bodies.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        var problem = await Problem.ReadAsync(response, status);
        Assert.Equal(code, Problem.Code(problem));
        Assert.DoesNotContain("JK000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AB123456C", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Rare", text, StringComparison.Ordinal);
        Assert.Equal(before + 1, await _fx.Audit.GetSizeAsync(default));
        var entry = (await _fx.LastAuditAsync()).Entry;
        Assert.Equal(("aggregate", AuditOutcome.Denied, code), (entry.Action, entry.Outcome, entry.ReasonCode));
        return problem;
    }

    private async Task<string> DraftRefusedAsync(string id, Action<JsonObject> adjust)
    {
        using var drafter = await _fx.Host.AsAsync("leeds-council-steward");
        var body = Draft(id);
        adjust(body["terms"]!.AsObject());
        var problem = await Problem.ReadAsync(await drafter.PostAsync("/api/v1/agreements", Bodies.Json(body)), 400);
        using var again = await drafter.GetAsync($"/api/v1/agreements/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        return Problem.Code(problem);
    }

    [Fact]
    public async Task Grouping_by_a_nino_or_a_name_under_an_identified_agreement_is_refused_and_audited()
    {
        // The request: an identified agreement sharing the NINO and names in clear, grouped by them.
        var agreement = await _fx.ActiveAgreementAsync("group-identified", With("identified", Fields(
            ("nino", null, false), ("givenName", null, false), ("familyName", null, false), ("benefit", null, true))));
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        await RefusedAsync(consumer, Aggregate(agreement, ["nino", "familyName", "benefit"]), 403, "exchange.not_groupable");
        await RefusedAsync(consumer, Aggregate(agreement, ["nino"]), 403, "exchange.not_groupable");
        await RefusedAsync(consumer, Aggregate(agreement, ["givenName"]), 403, "exchange.not_groupable");

        // Grouping by the one field the agreement marks groupable still works. Ann's attendance allowance is a cell of
        // one, so it and the only other cell are suppressed, and neither label leaves.
        using var response = await consumer.PostAsync("/api/v1/exchange/aggregates", Bodies.Json(Aggregate(agreement, ["benefit"])));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = JsonDocument.Parse(text).RootElement;
        Assert.Equal((1, 1), (table.GetProperty("suppressed").GetProperty("primary").GetInt32(), table.GetProperty("suppressed").GetProperty("secondary").GetInt32()));
        Assert.Equal(0, table.GetProperty("cells").GetArrayLength());
        Assert.DoesNotContain("attendance-allowance", text, StringComparison.Ordinal);
        Assert.Equal(40, table.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_categorical_field_the_agreement_does_not_mark_groupable_is_refused()
    {
        var agreement = await _fx.ActiveAgreementAsync("group-unmarked", With("identified", Fields(("nino", null, false), ("benefit", null, false))));
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        var problem = await RefusedAsync(consumer, Aggregate(agreement, ["benefit"]), 403, "exchange.not_groupable");
        Assert.Contains("groupable", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nino", null)]
    [InlineData("givenName", null)]
    [InlineData("familyName", null)]
    [InlineData("dateOfBirth", null)]
    [InlineData("postcode", null)]
    [InlineData("claimStart", null)]
    public async Task The_validator_refuses_a_groupable_mark_on_an_identifier_free_text_or_exact_value(string field, string? transform)
    {
        var code = await DraftRefusedAsync("group-mark-" + field.ToLowerInvariant(), With("identified", Fields(("benefit", null, true), (field, transform, true))));
        Assert.Equal("agreement.not_groupable", code);
    }

    [Fact]
    public async Task An_aggregate_agreement_may_not_name_a_field_it_can_neither_group_nor_sum()
    {
        Assert.Equal("agreement.aggregate_field_unused", await DraftRefusedAsync("group-aggregate-nino", With("aggregate", Fields(("nino", null, false), ("benefit", null, true)))));
        Assert.Equal("agreement.not_groupable", await DraftRefusedAsync("group-aggregate-nino-marked", With("aggregate", Fields(("nino", null, true), ("benefit", null, true)))));
        Assert.Equal("agreement.aggregate_field_unused", await DraftRefusedAsync("group-aggregate-name", With("aggregate", Fields(("familyName", null, false), ("benefit", null, true)))));
    }

    [Fact]
    public async Task Suppressed_cells_leave_without_their_labels()
    {
        var agreement = await _fx.ActiveAgreementAsync("group-suppressed", With("aggregate", Fields(("postcode", "postcodeDistrict", true), ("benefit", null, true))));
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        using var response = await consumer.PostAsync("/api/v1/exchange/aggregates", Bodies.Json(Aggregate(agreement, ["postcode"])));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = JsonDocument.Parse(text).RootElement;
        // LS1 (2 people) and LS7 (3) are under the threshold: counted as suppressed, but their districts are not named.
        Assert.DoesNotContain("\"LS7\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"LS1\"", text, StringComparison.Ordinal);
        Assert.Equal(2, table.GetProperty("suppressed").GetProperty("primary").GetInt32());
        Assert.Equal(0, table.GetProperty("suppressed").GetProperty("secondary").GetInt32());
        var cells = table.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(["LS2", "LS3"], cells.Select(c => c.GetProperty("group")[0].GetString()));
        Assert.Equal([20L, 15L], cells.Select(c => c.GetProperty("count").GetInt64()));
        Assert.All(cells, c => Assert.False(c.TryGetProperty("suppressed", out _)));
        Assert.Equal(40, table.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Duplicates_case_variants_and_a_field_both_grouped_and_summed_are_refused()
    {
        var agreement = await _fx.ActiveAgreementAsync("group-edges", With("identified", Fields(
            ("nino", null, false), ("benefit", null, true), ("postcode", "postcodeDistrict", true))));
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        await RefusedAsync(consumer, Aggregate(agreement, ["benefit", "benefit"]), 400, "exchange.invalid_aggregate");
        await RefusedAsync(consumer, Aggregate(agreement, ["Benefit"]), 403, "policy.field_not_permitted");
        await RefusedAsync(consumer, Aggregate(agreement, ["NINO"]), 403, "policy.field_not_permitted");
        await RefusedAsync(consumer, Aggregate(agreement, ["benefit"], ["benefit"]), 400, "exchange.invalid_aggregate");
        await RefusedAsync(consumer, Aggregate(agreement, ["benefit", "postcode", "benefit", "postcode"]), 400, "exchange.invalid_aggregate");
        // A field the agreement only filters on is not shared, so it cannot be grouped by either.
        await RefusedAsync(consumer, Aggregate(agreement, ["dateOfBirth"]), 403, "policy.field_not_permitted");
    }

    [Fact]
    public async Task A_field_both_filtered_and_grouped_groups_by_its_generalised_value_within_the_filter()
    {
        // dateOfBirth is the row filter (65 and over) and is shared generalised to the year, marked groupable.
        var agreement = await _fx.ActiveAgreementAsync("group-filtered", With("aggregate", Fields(("dateOfBirth", "dateToYear", true), ("benefit", null, true))));
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        using var response = await consumer.PostAsync("/api/v1/exchange/aggregates", Bodies.Json(Aggregate(agreement, ["dateOfBirth"])));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = JsonDocument.Parse(text).RootElement;
        // 1950 (Ann, two records) is under the threshold; 1946, the smallest other year, is hidden with it so the total
        // does not give Ann away. Neither is named. Bob, born 1990, is outside the filter.
        Assert.Equal(["1944", "1945"], table.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("group")[0].GetString()));
        Assert.DoesNotContain("-0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1990", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1950", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1946", text, StringComparison.Ordinal);
        Assert.Equal(1, table.GetProperty("suppressed").GetProperty("primary").GetInt32());
        Assert.Equal(1, table.GetProperty("suppressed").GetProperty("secondary").GetInt32());
    }

    [Fact]
    public async Task Under_a_pseudonymised_agreement_the_pseudonym_cannot_be_grouped_by_or_marked_groupable()
    {
        var agreement = await _fx.ActiveAgreementAsync("group-pseudo", With("pseudonymised", Fields(("nino", "pseudonymise", false), ("benefit", null, true))));
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        await RefusedAsync(consumer, Aggregate(agreement, ["nino"]), 403, "exchange.not_groupable");
        await RefusedAsync(consumer, Aggregate(agreement, ["nino", "benefit"]), 403, "exchange.not_groupable");
        Assert.Equal("agreement.not_groupable", await DraftRefusedAsync("group-pseudo-marked", With("pseudonymised", Fields(("nino", "pseudonymise", true), ("benefit", null, true)))));
    }
}
