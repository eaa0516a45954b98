using System.Net;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Concordat.Server.Tests.Portal.Staff;

/// <summary>
/// The audit pages in real Chromium: a data protection officer browses and filters the accesses about their
/// organisation's data (and only those: Core's audit read scope decides), sees which signed checkpoints include an
/// entry and that each verified, and downloads a proof that verifies offline; an administrator sees every entry; a
/// steward gets the "You do not have access" page.
/// </summary>
public sealed class AuditPageTests : IClassFixture<StaffHost>, IClassFixture<Browser>
{
    private const string Agreement = "audit-pension-credit";
    private const string Jane = "JG103759A";
    private readonly StaffHost _host;
    private readonly Browser _browser;

    public AuditPageTests(StaffHost host, Browser browser)
    {
        _host = host;
        _browser = browser;
        RegisterSeed.ApprovedAgreement(host, Agreement);
    }

    [Fact]
    public async Task A_dpo_filters_their_accesses_checks_an_entry_against_signed_checkpoints_and_its_proof_verifies_offline()
    {
        var (lookup, foreign) = await SeedAsync();
        var errors = new List<string>();
        var dev = await StaffPortal.SignInAsync(_browser, _host, "dev.patel", errors);
        await dev.ClickAsync("a[href='/staff/audit']");
        var entries = await dev.InnerTextAsync("#entries");
        Assert.Contains(Label(lookup), entries, StringComparison.Ordinal);
        // HMRC's steward reading HMRC's records is HMRC's business, not DWP's.
        Assert.DoesNotContain(Label(foreign), entries, StringComparison.Ordinal);
        await StaffPortal.CheckAndCaptureAsync(dev, "audit");

        await dev.SelectOptionAsync("#agreement", Agreement);
        await dev.SelectOptionAsync("#outcome", "permitted");
        await dev.ClickAsync("#apply-filter");
        Assert.Contains($"agreement={Agreement}", dev.Url, StringComparison.Ordinal);
        var rows = await dev.Locator("#entries tbody tr").AllInnerTextsAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("Pension credit take-up", r, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("Permitted", r, StringComparison.Ordinal));
        await dev.SelectOptionAsync("#outcome", "denied");
        await dev.ClickAsync("#apply-filter");
        Assert.Equal(0, await dev.Locator($"#entries a[href='/staff/audit/{lookup}']").CountAsync());

        await dev.GotoAsync($"/staff/audit/{lookup}");
        Assert.Equal("Look-up", await dev.InnerTextAsync("#entry-action"));
        if (await dev.Locator("#sign-checkpoint").CountAsync() == 1)
        {
            await dev.ClickAsync("#sign-checkpoint");
            Assert.Contains("checkpoint of the log as it is now has been signed", await dev.InnerTextAsync("#notice"), StringComparison.Ordinal);
        }

        var checks = await dev.Locator("#checkpoints tbody td strong").AllInnerTextsAsync();
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Equal("Verified", c));
        await StaffPortal.CheckAndCaptureAsync(dev, "audit-entry");

        var download = await dev.RunAndWaitForDownloadAsync(() => dev.ClickAsync("#download-proof"));
        Assert.EndsWith("-proof.json", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), "concordat-proof-" + Guid.NewGuid().ToString("N") + ".json");
        await download.SaveAsAsync(path);
        var file = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        // Checked with the public key as a verifier obtains it, not the copy inside the file.
        using var anonymous = _host.Anonymous();
        using var key = AuditPublicKey.FromJwk(await anonymous.GetStringAsync("/.well-known/audit-key.json")).Value;
        var verified = EntryProofFile.Verify(file, key);
        Assert.True(verified.IsSuccess, verified.IsSuccess ? null : verified.Errors[0].Message);
        Assert.Equal(lookup, verified.Value.Index);
        Assert.Equal("lookup", verified.Value.Entry.Action);
        Assert.Equal(Agreement, verified.Value.Entry.AgreementId);

        // Another organisation's entry reads as missing, page and proof alike.
        Assert.Equal(404, (await dev.GotoAsync($"/staff/audit/{foreign}"))!.Status);
        Assert.Equal("Page not found", (await dev.InnerTextAsync("h1")).Trim());
        Assert.Equal(404, (await dev.APIRequest.GetAsync($"/staff/audit/{foreign}/proof.json")).Status);
        Assert.Equal(404, (await dev.APIRequest.GetAsync("/staff/audit/999999999")).Status);
        Assert.DoesNotContain(errors, e => !e.Contains("404", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_other_organisations_dpo_and_the_administrator_see_their_scopes_and_a_steward_has_no_access()
    {
        var (lookup, foreign) = await SeedAsync();
        var errors = new List<string>();
        var harjit = await StaffPortal.SignInAsync(_browser, _host, "harjit.rao", errors);
        await harjit.GotoAsync("/staff/audit?action=record-read");
        var hmrc = await harjit.InnerTextAsync("main");
        Assert.Contains(Label(foreign), hmrc, StringComparison.Ordinal);
        Assert.DoesNotContain(Label(lookup), hmrc, StringComparison.Ordinal);

        // The council's DPO sees the look-up its service made.
        var liam = await StaffPortal.SignInAsync(_browser, _host, "liam.oconnor", errors);
        await liam.GotoAsync($"/staff/audit?agreement={Agreement}");
        Assert.Contains(Label(lookup), await liam.InnerTextAsync("#entries"), StringComparison.Ordinal);

        var ada = await StaffPortal.SignInAsync(_browser, _host, "ada.hughes", errors);
        await ada.GotoAsync("/staff/audit");
        var all = await ada.InnerTextAsync("#entries");
        Assert.Contains(Label(lookup), all, StringComparison.Ordinal);
        Assert.Contains(Label(foreign), all, StringComparison.Ordinal);

        var dana = await StaffPortal.SignInAsync(_browser, _host, "dana.whitfield", errors);
        Assert.Equal(0, await dana.Locator("a[href='/staff/audit']").CountAsync());
        foreach (var path in new[] { "/staff/audit", $"/staff/audit/{lookup}", $"/staff/audit/{lookup}/proof.json" })
        {
            var response = await dana.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
            Assert.Equal("You do not have access", (await dana.InnerTextAsync("h1")).Trim());
        }

        await StaffPortal.CheckAndCaptureAsync(dana, "no-access");
    }

    private static string Label(long index) => "Entry " + index.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    // A look-up by the council under DWP's agreement, and HMRC's steward reading an HMRC record through the API.
    private async Task<(long Lookup, long Foreign)> SeedAsync()
    {
        using (var service = await _host.AsAsync("leeds-council-service"))
        {
            await ExchangeFixture.ExpectAsync(service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(ExchangeFixture.Lookup(Agreement, Jane))), HttpStatusCode.OK);
        }

        using (var steward = await _host.AsAsync("hmrc-steward"))
        {
            using var read = await steward.PostAsync("/api/v1/datasets/hmrc-taxpayers/records/lookup", Bodies.Json(new System.Text.Json.Nodes.JsonObject { ["key"] = Jane }));
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var log = _host.Services.GetRequiredService<IAuditLog>();
        var entries = await log.ListEntriesAsync(0, 10_000, default);
        var lookup = entries.Last(e => e.Entry.Action == "lookup" && e.Entry.AgreementId == Agreement && e.Entry.Outcome == AuditOutcome.Permitted);
        var foreign = entries.Last(e => e.Entry.Action == "record-read" && e.Entry.OrganisationId == "hmrc");
        Assert.Equal("hmrc-taxpayers", foreign.Entry.DatasetId);
        return (lookup.Index, foreign.Index);
    }
}
