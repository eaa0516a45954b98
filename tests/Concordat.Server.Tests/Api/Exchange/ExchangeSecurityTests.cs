using System.Net;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Infrastructure;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>
/// The security list for the exchange: each refusal has the right status and code, is audited as a denial,
/// and leaks nothing of the record. Oversized bodies are refused before any endpoint runs (Hosting/LimitsTests), and
/// token faults (expired, foreign key, wrong algorithm) in Auth/JwtValidationTests.
/// </summary>
public sealed class ExchangeSecurityTests : IClassFixture<ExchangeFixture>
{
    private readonly ExchangeFixture _fx;

    public ExchangeSecurityTests(ExchangeFixture fixture) => _fx = fixture;

    private async Task DeniedAsync(HttpClient client, JsonObject body, int status, string code, string path = "/api/v1/exchange/lookups")
    {
        var before = await _fx.Audit.GetSizeAsync(default);
        using var response = await client.PostAsync(path, Bodies.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        var problem = await Problem.ReadAsync(response, status);
        Assert.Equal(code, Problem.Code(problem));
        Assert.DoesNotContain("O'Neill", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LS1 4AP", text, StringComparison.Ordinal);
        Assert.Equal(before + 1, await _fx.Audit.GetSizeAsync(default));
        var entry = await _fx.LastAuditAsync();
        Assert.Equal(AuditOutcome.Denied, entry.Entry.Outcome);
        Assert.Equal(code, entry.Entry.ReasonCode);
    }

    [Fact]
    public async Task No_token_is_401()
    {
        using var anonymous = _fx.Host.Anonymous();
        await Problem.ReadAsync(await anonymous.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("any", "AB123456C"))), 401);
    }

    [Fact]
    public async Task Token_of_another_organisation_is_denied()
    {
        var agreement = await _fx.ActiveAgreementAsync("sec-other-org");
        using var hmrc = await _fx.Host.AsAsync("hmrc-service");
        await DeniedAsync(hmrc, Lookup(agreement, "AB123456C"), 403, "policy.not_consumer");
    }

    [Fact]
    public async Task No_agreement_is_denied()
    {
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        await DeniedAsync(consumer, Lookup("no-such-agreement", "AB123456C"), 403, "policy.no_agreement");
    }

    [Fact]
    public async Task Purpose_mismatch_is_denied()
    {
        var agreement = await _fx.ActiveAgreementAsync("sec-purpose");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        await DeniedAsync(consumer, Lookup(agreement, "AB123456C", purpose: "fraud-prevention"), 403, "policy.purpose_mismatch");
    }

    [Fact]
    public async Task Field_outside_the_agreement_is_denied()
    {
        var agreement = await _fx.ActiveAgreementAsync("sec-field");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        await DeniedAsync(consumer, Lookup(agreement, "AB123456C", fields: ["familyName"]), 403, "policy.field_not_permitted");
    }

    [Fact]
    public async Task Suspended_then_revoked_agreement_is_denied()
    {
        var agreement = await _fx.ActiveAgreementAsync("sec-suspend");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        using var provider = await _fx.Host.AsAsync("dwp-dpo");
        await ExpectAsync(consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK);

        await ExpectAsync(provider.PostAsync($"/api/v1/agreements/{agreement}/suspend", Bodies.Json("""{"reason":"Investigating a complaint."}""")), HttpStatusCode.OK);
        await DeniedAsync(consumer, Lookup(agreement, "AB123456C"), 403, "policy.agreement_suspended");

        await ExpectAsync(provider.PostAsync($"/api/v1/agreements/{agreement}/revoke", Bodies.Json("""{"reason":"Complaint upheld."}""")), HttpStatusCode.OK);
        await DeniedAsync(consumer, Lookup(agreement, "AB123456C"), 403, "policy.agreement_revoked");
    }

    [Fact]
    public async Task Consent_withdrawn_is_denied_on_the_next_request()
    {
        var agreement = await _fx.ActiveAgreementAsync("sec-consent", terms => terms["lawfulBasis"] = "consent");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        await DeniedAsync(consumer, Lookup(agreement, "AB123456C"), 403, "policy.consent_not_given");

        await ExpectAsync(consumer.PostAsync($"/api/v1/agreements/{agreement}/consents", Bodies.Json("""{"subjectId":"AB123456C"}""")), HttpStatusCode.OK);
        await ExpectAsync(consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK);

        await ExpectAsync(consumer.PostAsync($"/api/v1/agreements/{agreement}/consents/withdraw", Bodies.Json("""{"subjectId":"AB123456C"}""")), HttpStatusCode.OK);
        await DeniedAsync(consumer, Lookup(agreement, "AB123456C"), 403, "policy.consent_withdrawn");
    }

    [Theory]
    [InlineData("AB123456C' OR '1'='1")]
    [InlineData("\"},{\"kind\":\"nino\",\"value\":\"CE987654D")]
    [InlineData("AB123456C; DROP TABLE record_versions; --")]
    public async Task Injection_in_the_identifier_is_refused_as_invalid(string value)
    {
        var agreement = await _fx.ActiveAgreementAsync("sec-inject-" + Math.Abs(value.GetHashCode(StringComparison.Ordinal)));
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        await DeniedAsync(consumer, Lookup(agreement, value), 400, "exchange.invalid_identifier");
        // The data is still there afterwards.
        await ExpectAsync(consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Injection_in_the_dataset_name_is_refused_by_policy()
    {
        var agreement = await _fx.ActiveAgreementAsync("sec-inject-dataset");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        var body = Lookup(agreement, "AB123456C");
        body["datasetId"] = "dwp-claimants' UNION SELECT payload FROM record_versions --";
        await DeniedAsync(consumer, body, 403, "policy.dataset_not_covered");
    }
}
