using System.Globalization;
using Concordat.Core.Governance;
using Concordat.Storage.Sqlite;

namespace Concordat.Cli.Tests.Commands;

public sealed class AgreementsCommandTests : IDisposable
{
    private const string Schema = """
        {"fields": [
          {"name": "nino", "type": "string", "identifier": "nino", "personalData": "personal"},
          {"name": "dateOfBirth", "type": "date", "personalData": "personal"},
          {"name": "benefit", "type": "string", "personalData": "personal"}
        ], "primaryKey": ["nino"]}
        """;

    private readonly CliWorkspace _ws = new();

    [Fact]
    public async Task Agreement_is_drafted_approved_by_steward_and_dpo_and_then_permits()
    {
        await SetUpAsync();
        var terms = _ws.Write("terms.json", Terms(mode: "pseudonymised", ninoTransform: "pseudonymise"));

        Assert.Equal(0, await _ws.RunAsync("agreements", "draft", "pc", "--terms", terms, "--as", "leeds-service"));
        Assert.Equal(0, await _ws.RunAsync("agreements", "submit", "pc", "--as", "leeds-service"));
        Assert.Equal(0, await _ws.RunAsync("agreements", "approve", "pc", "--role", "steward", "--as", "dwp-steward", "--reason", "Scope is minimal."));
        Assert.Equal(0, await _ws.RunAsync("agreements", "approve", "pc", "--role", "dpo", "--as", "dwp-dpo", "--reason", "DEA Part 5."));
        Assert.Equal(0, await _ws.RunAsync("agreements", "check", "pc", "--as", "leeds-service", "--dataset", "dwp-claimants", "--purpose", "benefit-eligibility"));
        Assert.Equal(1, await _ws.RunAsync("agreements", "check", "pc", "--as", "leeds-service", "--dataset", "dwp-claimants", "--purpose", "tax-compliance"));
        Assert.Equal(0, await _ws.RunAsync("agreements", "rotate-key", "pc", "--as", "dwp-dpo", "--reason", "Annual rotation."));

        var store = new SqliteAgreementStore(new SqliteDatabase(_ws.DatabasePath));
        var agreement = (await store.GetAsync("pc", default))!;
        Assert.Equal(AgreementStatus.Active, agreement.Status);
        Assert.Equal(2, (await new SqlitePseudonymKeyStore(new SqliteDatabase(_ws.DatabasePath)).ListAsync("pc", default)).Count);
        Assert.Contains(await store.HistoryAsync("pc", default), h => h.Action == AgreementAction.KeyRotated && h.ActorClientId == "dwp-dpo");
    }

    [Fact]
    public async Task Bad_input_gets_a_documented_exit_code_and_changes_nothing()
    {
        await SetUpAsync();
        var bad = _ws.Write("bad.json", Terms(endDate: "2020-01-01"));
        var good = _ws.Write("good.json", Terms());

        Assert.Equal(2, await _ws.RunAsync("agreements", "draft", "pc", "--terms", bad, "--as", "leeds-service"));
        Assert.Equal(2, await _ws.RunAsync("agreements", "draft", "pc", "--terms", _ws.Write("broken.json", "{ not json"), "--as", "leeds-service"));
        Assert.Equal(3, await _ws.RunAsync("agreements", "draft", "pc", "--terms", good, "--as", "nobody"));
        Assert.Equal(0, await _ws.RunAsync("agreements", "draft", "pc", "--terms", good, "--as", "leeds-service"));
        Assert.Equal(5, await _ws.RunAsync("agreements", "draft", "pc", "--terms", good, "--as", "leeds-service"));
        Assert.Equal(5, await _ws.RunAsync("agreements", "approve", "pc", "--role", "steward", "--as", "dwp-steward"));
        Assert.Equal(0, await _ws.RunAsync("agreements", "submit", "pc", "--as", "leeds-service"));
        Assert.Equal(4, await _ws.RunAsync("agreements", "approve", "pc", "--role", "dpo", "--as", "dwp-steward"));
        Assert.Equal(4, await _ws.RunAsync("agreements", "approve", "pc", "--role", "steward", "--as", "leeds-service"));
        Assert.Equal(3, await _ws.RunAsync("agreements", "show", "missing"));

        var history = await new SqliteAgreementStore(new SqliteDatabase(_ws.DatabasePath)).HistoryAsync("pc", default);
        Assert.Equal([AgreementAction.Drafted, AgreementAction.Submitted], history.Select(h => h.Action));
    }

    [Fact]
    public async Task Consent_withdrawal_applies_to_the_next_check()
    {
        await SetUpAsync();
        var terms = _ws.Write("terms.json", Terms(basis: "consent"));
        Assert.Equal(0, await _ws.RunAsync("agreements", "draft", "pc", "--terms", terms, "--as", "leeds-service"));
        Assert.Equal(0, await _ws.RunAsync("agreements", "submit", "pc", "--as", "leeds-service"));
        Assert.Equal(0, await _ws.RunAsync("agreements", "approve", "pc", "--role", "steward", "--as", "dwp-steward"));
        Assert.Equal(0, await _ws.RunAsync("agreements", "approve", "pc", "--role", "dpo", "--as", "dwp-dpo"));

        string[] check = ["agreements", "check", "pc", "--as", "leeds-service", "--dataset", "dwp-claimants", "--purpose", "benefit-eligibility", "--subject", "AB123456C"];
        Assert.Equal(1, await _ws.RunAsync(check));
        Assert.Equal(0, await _ws.RunAsync("agreements", "consent", "give", "pc", "--subject", "AB123456C", "--as", "leeds-service"));
        Assert.Equal(0, await _ws.RunAsync(check));
        Assert.Equal(0, await _ws.RunAsync("agreements", "consent", "withdraw", "pc", "--subject", "AB123456C", "--as", "leeds-service"));
        Assert.Equal(1, await _ws.RunAsync(check));
        Assert.Equal(3, await _ws.RunAsync("agreements", "consent", "withdraw", "pc", "--subject", "AB123456C", "--as", "leeds-service"));
    }

    private async Task SetUpAsync()
    {
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "dwp", "--name", "Department for Work and Pensions"));
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "leeds", "--name", "Leeds City Council"));
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "dwp-claimants", "--org", "dwp", "--title", "Claimants", "--schema", _ws.Write("schema.json", Schema)));
        Assert.Equal(0, await _ws.RunAsync("clients", "add", "dwp-steward", "--org", "dwp", "--role", "steward"));
        Assert.Equal(0, await _ws.RunAsync("clients", "add", "dwp-dpo", "--org", "dwp", "--role", "dpo"));
        Assert.Equal(0, await _ws.RunAsync("clients", "add", "leeds-service", "--org", "leeds", "--role", "consumer"));
    }

    private static string Terms(string mode = "identified", string ninoTransform = "none", string basis = "publicTask", string? endDate = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var end = endDate ?? today.AddDays(365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $$"""
            {
              "title": "Pension credit take-up",
              "providerOrganisationId": "dwp",
              "consumerOrganisationId": "leeds",
              "datasets": [{"datasetId": "dwp-claimants", "fields": [{"name": "nino", "transform": "{{ninoTransform}}"}, {"name": "dateOfBirth", "transform": "dateToYear"}],
                            "rowFilters": [{"field": "dateOfBirth", "operator": "ageAtLeast", "value": "65"}]}],
              "purpose": "Find older residents who may be entitled to pension credit.",
              "purposeCode": "benefit-eligibility",
              "lawfulBasis": "{{basis}}",
              "legalGateway": "Digital Economy Act 2017 Part 5",
              "disclosureMode": "{{mode}}",
              "retentionDays": 90,
              "frequency": "monthly",
              "startDate": "{{start}}",
              "endDate": "{{end}}",
              "dpiaReference": "DPIA-1",
              "contacts": [
                {"organisationId": "dwp", "role": "information asset owner", "name": "DWP sharing team", "email": "sharing@dwp.example.gov.uk"},
                {"organisationId": "leeds", "role": "data protection officer", "name": "Leeds DPO", "email": "dpo@leeds.example.gov.uk"}
              ]
            }
            """;
    }

    public void Dispose() => _ws.Dispose();
}
