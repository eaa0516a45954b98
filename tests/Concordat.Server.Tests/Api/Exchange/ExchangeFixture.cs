using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Auth;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>
/// A hub on a fake clock with DWP benefit claimants loaded and helpers to put agreements between DWP (provider) and
/// Leeds City Council (consumer) through the real approval workflow.
/// </summary>
public sealed class ExchangeFixture : IAsyncLifetime
{
    public FakeClockHost Host { get; } = new();

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public IAuditLog Audit => Host.Services.GetRequiredService<IAuditLog>();

    public Task InitializeAsync()
    {
        IngestSeed.Run(Host, "dwp-claimants",
        [
            ("AB123456C|pension-credit", """{"nino":"AB123456C","givenName":"Ann","familyName":"O'Neill","dateOfBirth":"1950-03-04","postcode":"LS1 4AP","benefit":"pension-credit","claimStart":"2020-01-01","limitedCapabilityForWork":false}"""),
            ("AB123456C|attendance-allowance", """{"nino":"AB123456C","givenName":"Ann","familyName":"O'Neill","dateOfBirth":"1950-03-04","postcode":"LS1 4AP","benefit":"attendance-allowance","claimStart":"2021-06-01"}"""),
            ("CE987654D|universal-credit", """{"nino":"CE987654D","givenName":"Bob","familyName":"Smith","dateOfBirth":"1990-01-01","postcode":"LS6 2BB","benefit":"universal-credit","claimStart":"2022-02-02"}"""),
        ]);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Drafts, submits and approves (DWP steward and DPO) an agreement; returns its id.</summary>
    public Task<string> ActiveAgreementAsync(string id, Action<JsonObject>? adjust = null) => ActivateAsync(Host, id, adjust);

    /// <summary>
    /// Puts <see cref="Draft"/> (adjusted by <paramref name="adjust"/>, which gets the terms) through the real workflow
    /// on <paramref name="host"/>: Leeds drafts and submits, DWP's steward and DPO approve; returns its id.
    /// </summary>
    public static async Task<string> ActivateAsync(ConcordatHost host, string id, Action<JsonObject>? adjust = null)
    {
        using var consumer = await host.AsAsync("leeds-council-steward");
        using var steward = await host.AsAsync("dwp-steward");
        using var dpo = await host.AsAsync("dwp-dpo");
        var body = Draft(id);
        adjust?.Invoke(body["terms"]!.AsObject());
        await ExpectAsync(consumer.PostAsync("/api/v1/agreements", Bodies.Json(body)), HttpStatusCode.Created);
        await ExpectAsync(consumer.PostAsync($"/api/v1/agreements/{id}/submit", Bodies.Json("{}")), HttpStatusCode.OK);
        await ExpectAsync(steward.PostAsync($"/api/v1/agreements/{id}/approve", Bodies.Json("""{"role":"steward","reason":"Fields are the minimum."}""")), HttpStatusCode.OK);
        var approved = await ExpectAsync(dpo.PostAsync($"/api/v1/agreements/{id}/approve", Bodies.Json("""{"role":"dpo","reason":"Lawful under DEA Part 5."}""")), HttpStatusCode.OK);
        Assert.Equal("active", approved.GetProperty("status").GetString());
        return id;
    }

    /// <summary>The newest audit entry.</summary>
    public async Task<LoggedAuditEntry> LastAuditAsync()
    {
        var size = await Audit.GetSizeAsync(default);
        return (await Audit.GetEntryAsync(size - 1, default))!;
    }

    public static async Task<JsonElement> ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {status}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static JsonObject Lookup(string agreementId, string nino, string purpose = "benefit-eligibility", params string[] fields)
    {
        var body = new JsonObject
        {
            ["agreementId"] = agreementId,
            ["purpose"] = purpose,
            ["datasetId"] = "dwp-claimants",
            ["identifier"] = new JsonObject { ["kind"] = "nino", ["value"] = nino },
        };
        if (fields.Length > 0)
        {
            body["fields"] = new JsonArray(fields.Select(f => (JsonNode)f).ToArray());
        }

        return body;
    }

    internal static JsonObject Draft(string id) => new()
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
                    new JsonObject { ["name"] = "givenName" },
                    new JsonObject { ["name"] = "dateOfBirth", ["transform"] = "dateToYear" },
                    new JsonObject { ["name"] = "postcode", ["transform"] = "postcodeDistrict" },
                    new JsonObject { ["name"] = "benefit" }),
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
