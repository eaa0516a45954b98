using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>
/// Issue 15 item 3: an extract is decided again under its agreement as it is now whenever it is fetched. Each refusal
/// is audited as a denial of the download; nothing of the file leaves.
/// </summary>
public sealed class ExtractRedecisionTests : IClassFixture<ExchangeFixture>
{
    private readonly ExchangeFixture _fx;

    public ExtractRedecisionTests(ExchangeFixture fixture) => _fx = fixture;

    internal static async Task<string> ExtractAsync(ConcordatHost host, HttpClient consumer, string agreement)
    {
        var manifest = await ExpectAsync(consumer.PostAsync("/api/v1/exchange/extracts", Bodies.Json(BulkExchangeTests.Extract(agreement, "csv"))), HttpStatusCode.Created);
        return manifest.GetProperty("extractId").GetString()!;
    }

    private async Task RefusedAsync(HttpClient consumer, string id, int status, string code)
    {
        foreach (var (path, action) in new[] { ($"/api/v1/exchange/extracts/{id}/data", "extract-download"), ($"/api/v1/exchange/extracts/{id}", "extract-manifest") })
        {
            var before = await _fx.Audit.GetSizeAsync(default);
            using var response = await consumer.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            var problem = await Problem.ReadAsync(response, status);
            Assert.Equal(code, Problem.Code(problem));
            Assert.DoesNotContain("AB123456C", text, StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Repr-Digest"));
            Assert.Equal(before + 1, await _fx.Audit.GetSizeAsync(default));
            var entry = (await _fx.LastAuditAsync()).Entry;
            Assert.Equal((action, AuditOutcome.Denied, code), (entry.Action, entry.Outcome, entry.ReasonCode));
        }
    }

    [Fact]
    public async Task An_extract_made_before_a_suspension_is_refused_then_released_again_when_the_agreement_resumes()
    {
        var agreement = await _fx.ActiveAgreementAsync("redecide-suspend");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        using var provider = await _fx.Host.AsAsync("dwp-dpo");
        var id = await ExtractAsync(_fx.Host, consumer, agreement);

        await ExpectAsync(provider.PostAsync($"/api/v1/agreements/{agreement}/suspend", Bodies.Json("""{"reason":"Investigating a complaint."}""")), HttpStatusCode.OK);
        await RefusedAsync(consumer, id, 403, "policy.agreement_suspended");

        await ExpectAsync(provider.PostAsync($"/api/v1/agreements/{agreement}/resume", Bodies.Json("""{"reason":"Complaint resolved."}""")), HttpStatusCode.OK);
        using var data = await consumer.GetAsync($"/api/v1/exchange/extracts/{id}/data");
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Contains("AB123456C", await data.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = (await _fx.LastAuditAsync()).Entry;
        Assert.Equal(("extract-download", AuditOutcome.Permitted, agreement), (entry.Action, entry.Outcome, entry.AgreementId));
    }

    [Fact]
    public async Task An_extract_of_a_revoked_agreement_is_refused()
    {
        var agreement = await _fx.ActiveAgreementAsync("redecide-revoke");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        using var provider = await _fx.Host.AsAsync("dwp-steward");
        var id = await ExtractAsync(_fx.Host, consumer, agreement);

        await ExpectAsync(provider.PostAsync($"/api/v1/agreements/{agreement}/revoke", Bodies.Json("""{"reason":"Sharing ended."}""")), HttpStatusCode.OK);

        await RefusedAsync(consumer, id, 403, "policy.agreement_revoked");
    }

    [Theory]
    [InlineData(false, 409, "exchange.extract_outdated")]
    [InlineData(true, 403, "policy.field_not_permitted")]
    public async Task An_extract_made_under_terms_since_amended_is_refused_even_once_they_are_approved_again(bool dropGivenName, int status, string code)
    {
        var agreement = await _fx.ActiveAgreementAsync("redecide-amend-" + dropGivenName.ToString().ToLowerInvariant());
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        using var drafter = await _fx.Host.AsAsync("leeds-council-steward");
        using var steward = await _fx.Host.AsAsync("dwp-steward");
        using var dpo = await _fx.Host.AsAsync("dwp-dpo");
        var id = await ExtractAsync(_fx.Host, consumer, agreement);

        // A shorter retention, or a field dropped (the old file still holds it): either way the file was made under other terms.
        var terms = Draft(agreement)["terms"]!.AsObject();
        terms["retentionDays"] = 30;
        if (dropGivenName)
        {
            terms["datasets"]![0]!["fields"]!.AsArray().RemoveAt(1);
        }

        await ExpectAsync(drafter.PutAsync($"/api/v1/agreements/{agreement}/terms", Bodies.Json(new JsonObject { ["terms"] = terms.DeepClone(), ["reason"] = "Narrower terms." })), HttpStatusCode.OK);
        await RefusedAsync(consumer, id, 403, "policy.agreement_not_approved");

        await ExpectAsync(steward.PostAsync($"/api/v1/agreements/{agreement}/approve", Bodies.Json("""{"role":"steward"}""")), HttpStatusCode.OK);
        await ExpectAsync(dpo.PostAsync($"/api/v1/agreements/{agreement}/approve", Bodies.Json("""{"role":"dpo"}""")), HttpStatusCode.OK);
        await RefusedAsync(consumer, id, status, code);
    }

    [Fact]
    public async Task A_pseudonymised_extract_is_refused_after_its_key_is_rotated()
    {
        var agreement = await _fx.ActiveAgreementAsync("redecide-rotate", terms =>
        {
            terms["disclosureMode"] = "pseudonymised";
            terms["datasets"]![0]!["fields"] = new JsonArray(new JsonObject { ["name"] = "nino", ["transform"] = "pseudonymise" }, new JsonObject { ["name"] = "benefit" });
        });
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        using var dpo = await _fx.Host.AsAsync("dwp-dpo");
        var id = await ExtractAsync(_fx.Host, consumer, agreement);
        await ExpectAsync(consumer.GetAsync($"/api/v1/exchange/extracts/{id}"), HttpStatusCode.OK);

        await ExpectAsync(dpo.PostAsync($"/api/v1/agreements/{agreement}/keys/rotate", Bodies.Json("""{"reason":"Key exposure suspected."}""")), HttpStatusCode.OK);

        await RefusedAsync(consumer, id, 409, "exchange.extract_outdated");
    }

    [Fact]
    public async Task A_consent_based_extract_is_refused_once_someone_in_it_withdraws()
    {
        var agreement = await _fx.ActiveAgreementAsync("redecide-consent", terms => terms["lawfulBasis"] = "consent");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        await ExpectAsync(consumer.PostAsync($"/api/v1/agreements/{agreement}/consents", Bodies.Json("""{"subjectId":"AB123456C"}""")), HttpStatusCode.OK);
        var id = await ExtractAsync(_fx.Host, consumer, agreement);
        await ExpectAsync(consumer.GetAsync($"/api/v1/exchange/extracts/{id}"), HttpStatusCode.OK);

        await ExpectAsync(consumer.PostAsync($"/api/v1/agreements/{agreement}/consents/withdraw", Bodies.Json("""{"subjectId":"AB123456C"}""")), HttpStatusCode.OK);

        await RefusedAsync(consumer, id, 403, "policy.consent_withdrawn");
    }

    [Fact]
    public async Task Unknown_and_other_organisations_extract_ids_are_refused_and_audited_alike()
    {
        var agreement = await _fx.ActiveAgreementAsync("redecide-unknown");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        var id = await ExtractAsync(_fx.Host, consumer, agreement);

        await RefusedAsync(consumer, "ex-" + new string('0', 20), 404, "exchange.extract_not_found");
        await RefusedAsync(consumer, "not-an-id", 404, "exchange.extract_not_found");
        using var hmrc = await _fx.Host.AsAsync("hmrc-service");
        await RefusedAsync(hmrc, id, 404, "exchange.extract_not_found");
    }
}

/// <summary>Issue 15 item 3, the dates: an extract is refused once its agreement has reached its end date.</summary>
public sealed class ExtractExpiryTests : IAsyncLifetime
{
    private readonly ExpiryHost _host = new();

    public Task InitializeAsync()
    {
        IngestSeed.Run(_host, "dwp-claimants", [("AB123456C|pension-credit", """{"nino":"AB123456C","givenName":"Ann","dateOfBirth":"1950-03-04","postcode":"LS1 4AP","benefit":"pension-credit"}""")]);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_extract_is_refused_after_its_agreement_expires()
    {
        var end = Today.AddDays(1);
        var agreement = await ActivateAsync(_host, "redecide-expire", terms => terms["endDate"] = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        string id;
        using (var before = await _host.AsAsync("leeds-council-service"))
        {
            id = await ExtractRedecisionTests.ExtractAsync(_host, before, agreement);
        }

        _host.Clock.Advance(new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - _host.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        using var consumer = await _host.AsAsync("leeds-council-service");
        var problem = await Problem.ReadAsync(await consumer.GetAsync($"/api/v1/exchange/extracts/{id}/data"), 403);

        Assert.Equal("policy.agreement_expired", Problem.Code(problem));
        var audit = _host.Services.GetRequiredService<IAuditLog>();
        var entry = (await audit.GetEntryAsync(await audit.GetSizeAsync(default) - 1, default))!.Entry;
        Assert.Equal(("extract-download", "policy.agreement_expired"), (entry.Action, entry.ReasonCode));
    }

    /// <summary>A hub on a fake clock whose extracts outlive the jump to the end date (the hourly sweep fires as time passes).</summary>
    private sealed class ExpiryHost : ConcordatHost
    {
        public ExpiryHost()
            : this(new FakeTimeProvider(DateTimeOffset.UtcNow))
        {
        }

        private ExpiryHost(FakeTimeProvider clock)
            : base(new Dictionary<string, string?> { ["Concordat:ExtractLifetime"] = "7.00:00:00" }, clock) => Clock = clock;

        public FakeTimeProvider Clock { get; }
    }
}
