using System.Net;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>
/// Issue 15 item 2: an agreement in pseudonymised mode shares no direct identifier in clear (names, NINO, full date of
/// birth, full postcode...), whether drafted that way or amended into it.
/// </summary>
public sealed class PseudonymisedModeTests : IClassFixture<ExchangeFixture>
{
    private readonly ExchangeFixture _fx;

    public PseudonymisedModeTests(ExchangeFixture fixture) => _fx = fixture;

    private static JsonArray Fields(params (string Name, string? Transform)[] fields) =>
        new(fields.Select(f => (JsonNode)(f.Transform is null ? new JsonObject { ["name"] = f.Name } : new JsonObject { ["name"] = f.Name, ["transform"] = f.Transform })).ToArray());

    private static Action<JsonObject> Pseudonymised(JsonArray fields) => terms =>
    {
        terms["disclosureMode"] = "pseudonymised";
        terms["datasets"]![0]!["fields"] = fields;
    };

    private static List<(string Code, string Target)> Errors(System.Text.Json.JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString()!, e.GetProperty("target").GetString()!)).ToList();

    [Fact]
    public async Task Names_a_full_date_of_birth_a_full_postcode_and_a_nino_in_clear_are_refused_each_by_name()
    {
        using var drafter = await _fx.Host.AsAsync("leeds-council-steward");
        var body = Draft("pseudo-clear");
        Pseudonymised(Fields(("nino", null), ("givenName", null), ("familyName", null), ("dateOfBirth", null), ("postcode", null), ("benefit", null)))(body["terms"]!.AsObject());

        var problem = await Problem.ReadAsync(await drafter.PostAsync("/api/v1/agreements", Bodies.Json(body)), 400);

        Assert.Equal("agreement.identifier_in_clear", Problem.Code(problem));
        Assert.Equal(
            [
                ("agreement.identifier_in_clear", "datasets[0].fields[0].transform"),
                ("agreement.identifier_in_clear", "datasets[0].fields[1].transform"),
                ("agreement.identifier_in_clear", "datasets[0].fields[2].transform"),
                ("agreement.identifier_in_clear", "datasets[0].fields[3].transform"),
                ("agreement.identifier_in_clear", "datasets[0].fields[4].transform"),
            ],
            Errors(problem));
        await Problem.ReadAsync(await drafter.GetAsync("/api/v1/agreements/pseudo-clear"), 404);
    }

    [Fact]
    public async Task Pseudonymised_names_and_generalised_dates_are_accepted_and_leave_as_tokens()
    {
        var agreement = await _fx.ActiveAgreementAsync("pseudo-ok", Pseudonymised(Fields(
            ("nino", "pseudonymise"), ("givenName", "pseudonymise"), ("dateOfBirth", "dateToYear"), ("postcode", "postcodeSector"), ("benefit", null))));
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        var found = await ExpectAsync(consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK);
        var record = found.GetProperty("records")[0];
        Assert.Equal(43, record.GetProperty("givenName").GetString()!.Length);
        Assert.NotEqual("Ann", record.GetProperty("givenName").GetString());
        Assert.Equal("1950", record.GetProperty("dateOfBirth").GetString());
        Assert.Equal("LS1 4", record.GetProperty("postcode").GetString());
    }

    [Fact]
    public async Task Amending_a_pseudonymised_agreement_to_add_a_name_in_clear_is_refused_and_changes_nothing()
    {
        var agreement = await _fx.ActiveAgreementAsync("pseudo-amend", Pseudonymised(Fields(("nino", "pseudonymise"), ("benefit", null))));
        using var drafter = await _fx.Host.AsAsync("leeds-council-steward");
        var terms = Draft(agreement)["terms"]!.AsObject();
        Pseudonymised(Fields(("nino", "pseudonymise"), ("benefit", null), ("familyName", null)))(terms);
        var amend = new JsonObject { ["terms"] = terms.DeepClone(), ["reason"] = "Add the family name." };

        var problem = await Problem.ReadAsync(await drafter.PutAsync($"/api/v1/agreements/{agreement}/terms", Bodies.Json(amend)), 400);
        Assert.Equal([("agreement.identifier_in_clear", "datasets[0].fields[2].transform")], Errors(problem));

        var stored = await ExpectAsync(drafter.GetAsync($"/api/v1/agreements/{agreement}"), HttpStatusCode.OK);
        Assert.Equal("active", stored.GetProperty("status").GetString());
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        var found = await ExpectAsync(consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK);
        Assert.False(found.GetProperty("records")[0].TryGetProperty("familyName", out _));
    }

    [Fact]
    public async Task Switching_an_identified_agreement_to_pseudonymised_mode_with_names_left_in_clear_is_refused()
    {
        var agreement = await _fx.ActiveAgreementAsync("pseudo-switch");
        using var drafter = await _fx.Host.AsAsync("leeds-council-steward");
        var terms = Draft(agreement)["terms"]!.AsObject();
        terms["disclosureMode"] = "pseudonymised";
        terms["datasets"]![0]!["fields"]![0]!["transform"] = "pseudonymise";
        var amend = new JsonObject { ["terms"] = terms.DeepClone(), ["reason"] = "Pseudonymise." };

        var problem = await Problem.ReadAsync(await drafter.PutAsync($"/api/v1/agreements/{agreement}/terms", Bodies.Json(amend)), 400);

        // givenName is still in clear.
        Assert.Equal([("agreement.identifier_in_clear", "datasets[0].fields[1].transform")], Errors(problem));
    }
}
