using System.Net;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Infrastructure;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>Look-ups and verifications through the real hub: shaped by the agreement, every answer and refusal audited.</summary>
public sealed class LookupTests : IClassFixture<ExchangeFixture>
{
    private readonly ExchangeFixture _fx;

    public LookupTests(ExchangeFixture fixture) => _fx = fixture;

    [Fact]
    public async Task Lookup_returns_only_agreed_fields_generalised_and_audits_the_person()
    {
        var agreement = await _fx.ActiveAgreementAsync("lookup-shaped");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        var found = await ExpectAsync(consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "ab 12 34 56 c"))), HttpStatusCode.OK);

        Assert.Equal(agreement, found.GetProperty("agreementId").GetString());
        var records = found.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        foreach (var record in records)
        {
            Assert.Equal(["nino", "givenName", "dateOfBirth", "postcode", "benefit"], record.EnumerateObject().Select(p => p.Name));
            Assert.Equal("1950", record.GetProperty("dateOfBirth").GetString());
            Assert.Equal("LS1", record.GetProperty("postcode").GetString());
        }

        Assert.Equal(Today.AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), found.GetProperty("retainUntil").GetString());
        var audit = await _fx.LastAuditAsync();
        Assert.Equal(found.GetProperty("auditIndex").GetInt64(), audit.Index);
        Assert.Equal(AuditOutcome.Permitted, audit.Entry.Outcome);
        Assert.Equal("lookup", audit.Entry.Action);
        Assert.Equal("leeds-council-service", audit.Entry.ClientId);
        Assert.Equal(agreement, audit.Entry.AgreementId);
        Assert.Equal(["nino", "givenName", "dateOfBirth", "postcode", "benefit"], audit.Entry.Fields);
        Assert.Single(audit.Entry.SubjectKeys);
        var byPerson = await _fx.Audit.FindBySubjectAsync(audit.Entry.SubjectKeys[0], -1, 100, default);
        Assert.Contains(byPerson, e => e.Index == audit.Index);
    }

    [Fact]
    public async Task Requested_subset_of_fields_is_all_that_returns()
    {
        var agreement = await _fx.ActiveAgreementAsync("lookup-subset");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        var found = await ExpectAsync(consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C", fields: ["benefit"]))), HttpStatusCode.OK);
        Assert.All(found.GetProperty("records").EnumerateArray(), r => Assert.Equal(["benefit"], r.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task Record_outside_the_row_filter_answers_like_an_absent_one()
    {
        var agreement = await _fx.ActiveAgreementAsync("lookup-filter");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        var filtered = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "CE987654D"))), 404);
        var absent = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "JK111111A"))), 404);

        Assert.Equal(Problem.Code(absent), Problem.Code(filtered));
        Assert.Equal(absent.GetProperty("detail").GetString(), filtered.GetProperty("detail").GetString());
        Assert.Equal("record.not_found", (await _fx.LastAuditAsync()).Entry.ReasonCode);
    }

    [Fact]
    public async Task Verification_says_matched_per_claim_and_returns_no_values()
    {
        var agreement = await _fx.ActiveAgreementAsync("verify-claims");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        var body = new JsonObject
        {
            ["agreementId"] = agreement,
            ["purpose"] = "benefit-eligibility",
            ["datasetId"] = "dwp-claimants",
            ["identifier"] = new JsonObject { ["kind"] = "nino", ["value"] = "AB123456C" },
            ["claims"] = new JsonObject { ["givenName"] = "  ANN ", ["postcode"] = "ls1 9zz", ["benefit"] = "universal-credit" },
        };

        using var response = await consumer.PostAsync("/api/v1/exchange/verifications", Bodies.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.True(result.GetProperty("recordFound").GetBoolean());
        var claims = result.GetProperty("claims");
        Assert.Equal("matched", claims.GetProperty("givenName").GetString());
        // Postcodes are shared only as a district, so only the district can be confirmed.
        Assert.Equal("matched", claims.GetProperty("postcode").GetString());
        Assert.Equal("notMatched", claims.GetProperty("benefit").GetString());
        Assert.DoesNotContain("LS1 4AP", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pension-credit", text, StringComparison.Ordinal);
        Assert.Equal("verify", (await _fx.LastAuditAsync()).Entry.Action);
    }

    [Fact]
    public async Task Verification_on_a_field_outside_the_agreement_is_refused()
    {
        var agreement = await _fx.ActiveAgreementAsync("verify-outside");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        var body = new JsonObject
        {
            ["agreementId"] = agreement,
            ["purpose"] = "benefit-eligibility",
            ["datasetId"] = "dwp-claimants",
            ["identifier"] = new JsonObject { ["kind"] = "nino", ["value"] = "AB123456C" },
            ["claims"] = new JsonObject { ["familyName"] = "O'Neill" },
        };
        var problem = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/verifications", Bodies.Json(body)), 403);
        Assert.Equal("policy.field_not_permitted", Problem.Code(problem));
    }
}
