using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api;

public sealed class AgreementApiTests : IClassFixture<ConcordatHost>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private readonly ConcordatHost _host;

    public AgreementApiTests(ConcordatHost host)
    {
        _host = host;
    }

    [Fact]
    public async Task Agreement_is_drafted_submitted_approved_by_steward_and_dpo_then_permits_and_appears_on_the_register()
    {
        using var consumer = await _host.AsAsync("leeds-council-service");
        using var steward = await _host.AsAsync("dwp-steward");
        using var dpo = await _host.AsAsync("dwp-dpo");
        using var consumerSteward = await _host.AsAsync("leeds-council-steward");

        await ExpectAsync(consumer.PostAsync("/api/v1/agreements", Bodies.Json(Create("api-flow"))), HttpStatusCode.Created);
        using var anonymous = _host.Anonymous();
        await Problem.ReadAsync(await anonymous.GetAsync("/api/v1/register/agreements/api-flow"), 404);
        await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-flow/submit", Bodies.Json("{}")), HttpStatusCode.OK);

        var byConsumer = await Problem.ReadAsync(await consumerSteward.PostAsync("/api/v1/agreements/api-flow/approve", Bodies.Json("""{"role":"steward"}""")), 403);
        Assert.Equal("agreement.approver_not_provider", Problem.Code(byConsumer));
        var wrongRole = await Problem.ReadAsync(await steward.PostAsync("/api/v1/agreements/api-flow/approve", Bodies.Json("""{"role":"dpo"}""")), 403);
        Assert.Equal("agreement.wrong_role", Problem.Code(wrongRole));
        await ExpectAsync(steward.PostAsync("/api/v1/agreements/api-flow/approve", Bodies.Json("""{"role":"steward","reason":"Minimal fields."}""")), HttpStatusCode.OK);
        var approved = await ExpectAsync(dpo.PostAsync("/api/v1/agreements/api-flow/approve", Bodies.Json("""{"role":"dpo","reason":"DEA Part 5 applies."}""")), HttpStatusCode.OK);
        Assert.Equal("active", approved.GetProperty("status").GetString());

        var decision = await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-flow/check", Bodies.Json("""{"datasetId":"dwp-claimants","fields":["postcode"],"purposeCode":"benefit-eligibility"}""")), HttpStatusCode.OK);
        Assert.True(decision.GetProperty("permitted").GetBoolean());
        Assert.Equal("postcodeDistrict", decision.GetProperty("obligations").GetProperty("fields")[0].GetProperty("transform").GetString());
        var denied = await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-flow/check", Bodies.Json("""{"datasetId":"dwp-claimants","fields":["familyName"],"purposeCode":"benefit-eligibility"}""")), HttpStatusCode.OK);
        Assert.False(denied.GetProperty("permitted").GetBoolean());
        Assert.Equal("policy.field_not_permitted", denied.GetProperty("reason").GetString());

        var register = await ExpectAsync(anonymous.GetAsync("/api/v1/register/agreements?status=active"), HttpStatusCode.OK);
        var entry = register.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "api-flow");
        Assert.Equal("Department for Work and Pensions", entry.GetProperty("provider").GetProperty("name").GetString());
        Assert.Equal("publicTask", entry.GetProperty("lawfulBasis").GetString());
        Assert.False(entry.TryGetProperty("contacts", out _));

        using var odrl = await anonymous.GetAsync("/api/v1/register/agreements/api-flow/odrl");
        Assert.Equal("application/ld+json", odrl.Content.Headers.ContentType?.MediaType);
        var policy = JsonDocument.Parse(await odrl.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Agreement", policy.GetProperty("@type").GetString());
        Assert.Equal("https://hub.example.gov.uk/api/v1/organisations/dwp", policy.GetProperty("assigner").GetString());
        var permission = policy.GetProperty("permission")[0];
        Assert.Equal("use", permission.GetProperty("action").GetString());
        Assert.Equal(["nino", "dateOfBirth", "postcode"], permission.GetProperty("target").GetProperty("refinement")[0].GetProperty("rightOperand").EnumerateArray().Select(f => f.GetString()));

        var history = await ExpectAsync(consumer.GetAsync("/api/v1/agreements/api-flow/history"), HttpStatusCode.OK);
        Assert.Equal(["drafted", "submitted", "approved", "approved", "activated"], history.EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.Equal("dwp-dpo", history[3].GetProperty("actorClientId").GetString());
    }

    [Fact]
    public async Task Incomplete_draft_is_refused_with_every_problem_and_nothing_is_stored()
    {
        using var consumer = await _host.AsAsync("leeds-council-service");
        var body = Create("api-bad");
        var terms = body["terms"]!.AsObject();
        terms.Remove("lawfulBasis");
        terms["endDate"] = Today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        terms["purposeCode"] = "marketing";
        terms["datasets"]![0]!["fields"]!.AsArray().Add(new JsonObject { ["name"] = "limitedCapabilityForWork" });
        terms["datasets"]![0]!["fields"]!.AsArray().Add(new JsonObject { ["name"] = "shoeSize" });

        var problem = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/agreements", Bodies.Json(body)), 400);

        var codes = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.Contains("agreement.end_before_start", codes);
        Assert.Contains("agreement.unknown_purpose_code", codes);
        Assert.Contains("agreement.required", codes);
        Assert.Contains("agreement.unknown_field", codes);
        Assert.Contains("agreement.article9_required", codes);
        await Problem.ReadAsync(await consumer.GetAsync("/api/v1/agreements/api-bad"), 404);
    }

    [Fact]
    public async Task Out_of_order_and_self_approval_are_refused_and_non_parties_see_nothing()
    {
        using var steward = await _host.AsAsync("dwp-steward");
        using var outsider = await _host.AsAsync("hmrc-steward");
        using var consumer = await _host.AsAsync("leeds-council-service");
        await ExpectAsync(steward.PostAsync("/api/v1/agreements", Bodies.Json(Create("api-self"))), HttpStatusCode.Created);

        Assert.Equal("agreement.invalid_transition", Problem.Code(await Problem.ReadAsync(await steward.PostAsync("/api/v1/agreements/api-self/approve", Bodies.Json("""{"role":"steward"}""")), 409)));
        await ExpectAsync(steward.PostAsync("/api/v1/agreements/api-self/submit", Bodies.Json("{}")), HttpStatusCode.OK);
        Assert.Equal("agreement.self_approval", Problem.Code(await Problem.ReadAsync(await steward.PostAsync("/api/v1/agreements/api-self/approve", Bodies.Json("""{"role":"steward"}""")), 403)));
        await Problem.ReadAsync(await consumer.PostAsync("/api/v1/agreements/api-self/approve", Bodies.Json("""{"role":"steward"}""")), 403);
        await Problem.ReadAsync(await outsider.GetAsync("/api/v1/agreements/api-self"), 404);
        await Problem.ReadAsync(await outsider.PostAsync("/api/v1/agreements/api-self/suspend", Bodies.Json("""{"reason":"x"}""")), 404);
        Assert.DoesNotContain("api-self", await (await outsider.GetAsync("/api/v1/agreements")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var agreement = await ExpectAsync(consumer.GetAsync("/api/v1/agreements/api-self"), HttpStatusCode.OK);
        Assert.Equal("submitted", agreement.GetProperty("status").GetString());
        Assert.Equal(0, agreement.GetProperty("approvals").GetArrayLength());
    }

    [Fact]
    public async Task A_provider_officer_rejects_with_a_reason_and_the_agreement_returns_to_draft()
    {
        using var consumer = await _host.AsAsync("leeds-council-service");
        using var dpo = await _host.AsAsync("dwp-dpo");
        using var consumerSteward = await _host.AsAsync("leeds-council-steward");
        await ExpectAsync(consumer.PostAsync("/api/v1/agreements", Bodies.Json(Create("api-reject"))), HttpStatusCode.Created);
        await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-reject/submit", Bodies.Json("{}")), HttpStatusCode.OK);

        Assert.Equal("agreement.reason_required", Problem.Code(await Problem.ReadAsync(await dpo.PostAsync("/api/v1/agreements/api-reject/reject", Bodies.Json("""{"role":"dpo"}""")), 400)));
        Assert.Equal("request.invalid_role", Problem.Code(await Problem.ReadAsync(await dpo.PostAsync("/api/v1/agreements/api-reject/reject", Bodies.Json("""{"role":"boss","reason":"x"}""")), 400)));
        Assert.Equal("agreement.approver_not_provider", Problem.Code(await Problem.ReadAsync(await consumerSteward.PostAsync("/api/v1/agreements/api-reject/reject", Bodies.Json("""{"role":"steward","reason":"x"}""")), 403)));
        var rejected = await ExpectAsync(dpo.PostAsync("/api/v1/agreements/api-reject/reject", Bodies.Json("""{"role":"dpo","reason":"The DPIA reference is out of date."}""")), HttpStatusCode.OK);
        Assert.Equal("draft", rejected.GetProperty("status").GetString());

        var history = await ExpectAsync(consumer.GetAsync("/api/v1/agreements/api-reject/history"), HttpStatusCode.OK);
        var last = history.EnumerateArray().Last();
        Assert.Equal("rejected", last.GetProperty("action").GetString());
        Assert.Equal("dpo", last.GetProperty("approvalRole").GetString());
        Assert.Equal("The DPIA reference is out of date.", last.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Suspended_agreement_denies_and_stays_on_the_register_with_its_reason()
    {
        using var consumer = await _host.AsAsync("leeds-council-service");
        using var steward = await _host.AsAsync("dwp-steward");
        using var dpo = await _host.AsAsync("dwp-dpo");
        await ExpectAsync(consumer.PostAsync("/api/v1/agreements", Bodies.Json(Create("api-suspend"))), HttpStatusCode.Created);
        await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-suspend/submit", Bodies.Json("{}")), HttpStatusCode.OK);
        await ExpectAsync(steward.PostAsync("/api/v1/agreements/api-suspend/approve", Bodies.Json("""{"role":"steward"}""")), HttpStatusCode.OK);
        await ExpectAsync(dpo.PostAsync("/api/v1/agreements/api-suspend/approve", Bodies.Json("""{"role":"dpo"}""")), HttpStatusCode.OK);

        Assert.Equal("agreement.reason_required", Problem.Code(await Problem.ReadAsync(await dpo.PostAsync("/api/v1/agreements/api-suspend/suspend", Bodies.Json("{}")), 400)));
        await ExpectAsync(dpo.PostAsync("/api/v1/agreements/api-suspend/suspend", Bodies.Json("""{"reason":"Breach under investigation."}""")), HttpStatusCode.OK);

        var decision = await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-suspend/check", Bodies.Json("""{"datasetId":"dwp-claimants","purposeCode":"benefit-eligibility"}""")), HttpStatusCode.OK);
        Assert.Equal("policy.agreement_suspended", decision.GetProperty("reason").GetString());
        using var anonymous = _host.Anonymous();
        var entry = await ExpectAsync(anonymous.GetAsync("/api/v1/register/agreements/api-suspend"), HttpStatusCode.OK);
        Assert.Equal("suspended", entry.GetProperty("status").GetString());
        Assert.Equal("Breach under investigation.", entry.GetProperty("statusReason").GetString());
    }

    [Fact]
    public async Task Pseudonymised_agreement_names_its_key_which_rotates_and_is_never_shown()
    {
        using var consumer = await _host.AsAsync("leeds-council-service");
        using var steward = await _host.AsAsync("dwp-steward");
        using var dpo = await _host.AsAsync("dwp-dpo");
        var body = Create("api-pseudo");
        body["terms"]!["disclosureMode"] = "pseudonymised";
        body["terms"]!["datasets"]![0]!["fields"]![0]!["transform"] = "pseudonymise";
        await ApproveAsync(body, consumer, steward, dpo);

        var decision = await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-pseudo/check", Bodies.Json("""{"datasetId":"dwp-claimants","purposeCode":"benefit-eligibility"}""")), HttpStatusCode.OK);
        var firstKey = decision.GetProperty("obligations").GetProperty("pseudonymKeyId").GetString();
        Assert.StartsWith("pk-", firstKey, StringComparison.Ordinal);

        await Problem.ReadAsync(await consumer.PostAsync("/api/v1/agreements/api-pseudo/keys/rotate", Bodies.Json("""{"reason":"x"}""")), 403);
        var rotated = await ExpectAsync(dpo.PostAsync("/api/v1/agreements/api-pseudo/keys/rotate", Bodies.Json("""{"reason":"Annual rotation."}""")), HttpStatusCode.OK);
        Assert.NotEqual(firstKey, rotated.GetProperty("pseudonymKeyId").GetString());

        using var keys = await consumer.GetAsync("/api/v1/agreements/api-pseudo/keys");
        var keysText = await keys.Content.ReadAsStringAsync();
        var list = JsonDocument.Parse(keysText).RootElement;
        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal(firstKey, list[0].GetProperty("keyId").GetString());
        Assert.NotEqual(JsonValueKind.Null, list[0].GetProperty("retiredAt").ValueKind);
        Assert.DoesNotContain("sealed", keysText, StringComparison.OrdinalIgnoreCase);
        using var anonymous = _host.Anonymous();
        Assert.DoesNotContain("pk-", await (await anonymous.GetAsync("/api/v1/register/agreements/api-pseudo")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_withdrawal_through_the_api_denies_the_next_check()
    {
        using var consumer = await _host.AsAsync("leeds-council-service");
        using var steward = await _host.AsAsync("dwp-steward");
        using var dpo = await _host.AsAsync("dwp-dpo");
        var body = Create("api-consent");
        body["terms"]!["lawfulBasis"] = "consent";
        await ApproveAsync(body, consumer, steward, dpo);
        var check = """{"datasetId":"dwp-claimants","purposeCode":"benefit-eligibility","subjectId":"AB123456C"}""";

        Assert.Equal("policy.consent_not_given", (await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-consent/check", Bodies.Json(check)), HttpStatusCode.OK)).GetProperty("reason").GetString());
        await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-consent/consents", Bodies.Json("""{"subjectId":"AB123456C"}""")), HttpStatusCode.OK);
        Assert.True((await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-consent/check", Bodies.Json(check)), HttpStatusCode.OK)).GetProperty("permitted").GetBoolean());
        var withdrawn = await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-consent/consents/withdraw", Bodies.Json("""{"subjectId":"AB123456C"}""")), HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, withdrawn.GetProperty("withdrawnAt").ValueKind);
        Assert.Equal("policy.consent_withdrawn", (await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-consent/check", Bodies.Json(check)), HttpStatusCode.OK)).GetProperty("reason").GetString());
        await Problem.ReadAsync(await consumer.PostAsync("/api/v1/agreements/api-consent/consents/withdraw", Bodies.Json("""{"subjectId":"AB123456C"}""")), 404);
        await Problem.ReadAsync(await consumer.PostAsync("/api/v1/agreements/api-none/consents", Bodies.Json("""{"subjectId":"AB123456C"}""")), 404);
    }

    [Fact]
    public async Task Amended_active_agreement_needs_approval_again_and_the_register_keeps_the_approved_terms()
    {
        using var consumer = await _host.AsAsync("leeds-council-service");
        using var steward = await _host.AsAsync("dwp-steward");
        using var dpo = await _host.AsAsync("dwp-dpo");
        var body = Create("api-amend");
        await ApproveAsync(body, consumer, steward, dpo);
        var amended = body["terms"]!.DeepClone().AsObject();
        amended["retentionDays"] = 30;

        await Problem.ReadAsync(await consumer.PutAsync("/api/v1/agreements/api-amend/terms", Bodies.Json(new JsonObject { ["terms"] = amended.DeepClone() })), 400);
        var result = await ExpectAsync(consumer.PutAsync("/api/v1/agreements/api-amend/terms", Bodies.Json(new JsonObject { ["terms"] = amended, ["reason"] = "Shorter retention." })), HttpStatusCode.OK);
        Assert.Equal("submitted", result.GetProperty("status").GetString());
        Assert.Equal(2, result.GetProperty("version").GetInt32());

        var denied = await ExpectAsync(consumer.PostAsync("/api/v1/agreements/api-amend/check", Bodies.Json("""{"datasetId":"dwp-claimants","purposeCode":"benefit-eligibility"}""")), HttpStatusCode.OK);
        Assert.Equal("policy.agreement_not_approved", denied.GetProperty("reason").GetString());
        using var anonymous = _host.Anonymous();
        var entry = await ExpectAsync(anonymous.GetAsync("/api/v1/register/agreements/api-amend"), HttpStatusCode.OK);
        Assert.Equal(1, entry.GetProperty("version").GetInt32());
        Assert.Equal(90, entry.GetProperty("retentionDays").GetInt32());
    }

    private static async Task ApproveAsync(JsonObject body, HttpClient consumer, HttpClient steward, HttpClient dpo)
    {
        var id = body["id"]!.GetValue<string>();
        await ExpectAsync(consumer.PostAsync("/api/v1/agreements", Bodies.Json(body)), HttpStatusCode.Created);
        await ExpectAsync(consumer.PostAsync($"/api/v1/agreements/{id}/submit", Bodies.Json("{}")), HttpStatusCode.OK);
        await ExpectAsync(steward.PostAsync($"/api/v1/agreements/{id}/approve", Bodies.Json("""{"role":"steward"}""")), HttpStatusCode.OK);
        await ExpectAsync(dpo.PostAsync($"/api/v1/agreements/{id}/approve", Bodies.Json("""{"role":"dpo"}""")), HttpStatusCode.OK);
    }

    private static async Task<JsonElement> ExpectAsync(Task<HttpResponseMessage> send, HttpStatusCode status)
    {
        using var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonObject Create(string id) => new()
    {
        ["id"] = id,
        ["terms"] = new JsonObject
        {
            ["title"] = "Pension credit take-up",
            ["providerOrganisationId"] = "dwp",
            ["consumerOrganisationId"] = "leeds-council",
            ["datasets"] = new JsonArray(new JsonObject
            {
                ["datasetId"] = "dwp-claimants",
                ["fields"] = new JsonArray(
                    new JsonObject { ["name"] = "nino" },
                    new JsonObject { ["name"] = "dateOfBirth", ["transform"] = "dateToYear" },
                    new JsonObject { ["name"] = "postcode", ["transform"] = "postcodeDistrict" }),
                ["rowFilters"] = new JsonArray(new JsonObject { ["field"] = "dateOfBirth", ["operator"] = "ageAtLeast", ["value"] = "65" }),
            }),
            ["purpose"] = "Find older residents who may be entitled to pension credit.",
            ["purposeCode"] = "benefit-eligibility",
            ["lawfulBasis"] = "publicTask",
            ["legalGateway"] = "Digital Economy Act 2017 Part 5 (public service delivery)",
            ["disclosureMode"] = "identified",
            ["retentionDays"] = 90,
            ["frequency"] = "monthly",
            ["startDate"] = Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["endDate"] = Today.AddDays(365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["dpiaReference"] = "DPIA-2025-117",
            ["contacts"] = new JsonArray(
                new JsonObject { ["organisationId"] = "dwp", ["role"] = "information asset owner", ["name"] = "DWP data sharing", ["email"] = "sharing@dwp.example.gov.uk" },
                new JsonObject { ["organisationId"] = "leeds-council", ["role"] = "data protection officer", ["name"] = "Leeds DPO", ["email"] = "dpo@leeds.example.gov.uk" }),
        },
    };
}
