using System.Globalization;
using System.Net;
using System.Text.Json;
using Concordat.Server.Tests.Auth;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api;

/// <summary>Agreements expire on the hub's clock, with no background job: the next request after the end date is denied.</summary>
public sealed class AgreementExpiryTests : IClassFixture<FakeClockHost>
{
    private readonly FakeClockHost _host;

    public AgreementExpiryTests(FakeClockHost host) => _host = host;

    [Fact]
    public async Task Agreement_expires_at_midnight_utc_on_its_end_date()
    {
        var today = DateOnly.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime);
        var end = today.AddDays(2);
        var terms = $$"""
            {"title":"Short pilot","providerOrganisationId":"hmrc","consumerOrganisationId":"dvla",
             "datasets":[{"datasetId":"hmrc-taxpayers","fields":[{"name":"nino"}]}],
             "purpose":"Pilot.","purposeCode":"licensing","lawfulBasis":"publicTask","legalGateway":"A named statutory power",
             "disclosureMode":"identified","retentionDays":7,"frequency":"oneOff",
             "startDate":"{{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}","endDate":"{{end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}",
             "dpiaReference":"DPIA-9",
             "contacts":[{"organisationId":"hmrc","role":"owner","name":"HMRC","email":"a@hmrc.example.gov.uk"},{"organisationId":"dvla","role":"dpo","name":"DVLA","email":"b@dvla.example.gov.uk"}]}
            """;
        using (var consumer = await _host.AsAsync("dvla-service"))
        using (var steward = await _host.AsAsync("hmrc-steward"))
        using (var dpo = await _host.AsAsync("hmrc-dpo"))
        {
            Assert.Equal(HttpStatusCode.Created, (await consumer.PostAsync("/api/v1/agreements", Bodies.Json($$"""{"id":"pilot","terms":{{terms}}}"""))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await consumer.PostAsync("/api/v1/agreements/pilot/submit", Bodies.Json("{}"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await steward.PostAsync("/api/v1/agreements/pilot/approve", Bodies.Json("""{"role":"steward"}"""))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await dpo.PostAsync("/api/v1/agreements/pilot/approve", Bodies.Json("""{"role":"dpo"}"""))).StatusCode);
            Assert.Null(await DenialAsync(consumer));
        }

        var midnight = new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        _host.Clock.SetUtcNow(midnight.AddSeconds(-1));
        using (var consumer = await _host.AsAsync("dvla-service"))
        {
            Assert.Null(await DenialAsync(consumer));
        }

        _host.Clock.SetUtcNow(midnight);
        using (var consumer = await _host.AsAsync("dvla-service"))
        {
            Assert.Equal("policy.agreement_expired", await DenialAsync(consumer));
            using var response = await consumer.GetAsync("/api/v1/agreements/pilot");
            Assert.Equal("expired", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        }

        using var anonymous = _host.Anonymous();
        var register = JsonDocument.Parse(await (await anonymous.GetAsync("/api/v1/register/agreements?status=expired")).Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(register.EnumerateArray(), e => e.GetProperty("id").GetString() == "pilot");
    }

    private static async Task<string?> DenialAsync(HttpClient consumer)
    {
        using var response = await consumer.PostAsync("/api/v1/agreements/pilot/check", Bodies.Json("""{"datasetId":"hmrc-taxpayers","purposeCode":"licensing"}"""));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("permitted").GetBoolean() ? null : body.GetProperty("reason").GetString();
    }
}
