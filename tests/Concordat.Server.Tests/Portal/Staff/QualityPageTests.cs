using System.Globalization;
using Concordat.Core.Audit;
using Concordat.Core.Quality;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Portal.Staff;

/// <summary>
/// Quality and ingestion pages in real Chromium: the steward of the owning organisation sees the score and its trend,
/// the field charts (server-drawn SVG with titles and descriptions), rule results and runs, and browses, filters and
/// downloads the quarantine; another organisation's steward finds nothing, and a DPO has no access.
/// </summary>
public sealed class QualityPageTests : IClassFixture<StaffHost>, IClassFixture<Browser>
{
    private readonly StaffHost _host;
    private readonly Browser _browser;
    private readonly long _run;

    public QualityPageTests(StaffHost host, Browser browser)
    {
        _host = host;
        _browser = browser;
        _run = Seed(host);
    }

    [Fact]
    public async Task A_steward_sees_the_score_trend_charts_rules_and_runs_of_their_dataset()
    {
        var errors = new List<string>();
        var dana = await StaffPortal.SignInAsync(_browser, _host, "dana.whitfield", errors);
        await dana.ClickAsync("#navigation a[href='/staff/datasets']");
        Assert.Equal(1, await dana.Locator("#datasets tbody tr").CountAsync());
        Assert.Contains("Benefit claimants", await dana.InnerTextAsync("#datasets"), StringComparison.Ordinal);
        await StaffPortal.CheckAndCaptureAsync(dana, "datasets");

        await dana.ClickAsync("a[href='/staff/datasets/dwp-claimants']");
        Assert.Matches(@"^\d+\.\d$", await dana.InnerTextAsync("#score"));
        foreach (var chart in new[] { "trend", "completeness", "validity" })
        {
            Assert.Equal("img", await dana.GetAttributeAsync($"#{chart} svg", "role"));
            Assert.False(string.IsNullOrWhiteSpace(await dana.TextContentAsync($"#{chart} svg title")));
            Assert.False(string.IsNullOrWhiteSpace(await dana.TextContentAsync($"#{chart} svg desc")));
        }

        Assert.True(await dana.Locator("#trend circle").CountAsync() >= 2, "one point per profile");
        Assert.Contains("postcode", await dana.TextContentAsync("#completeness desc") ?? "", StringComparison.Ordinal);
        Assert.Contains("not_null(postcode)", await dana.InnerTextAsync("#rules"), StringComparison.Ordinal);
        Assert.Contains("Loaded with quarantine", await dana.InnerTextAsync("#runs"), StringComparison.Ordinal);
        await StaffPortal.CheckAndCaptureAsync(dana, "dataset");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_quarantine_pages_filters_by_field_and_downloads_the_filtered_rows_as_safe_csv()
    {
        var errors = new List<string>();
        var dana = await StaffPortal.SignInAsync(_browser, _host, "dana.whitfield", errors);
        await dana.GotoAsync($"/staff/runs/{_run}");
        Assert.Equal("55 quarantined", await dana.InnerTextAsync("#quarantined"));
        Assert.Equal(50, await dana.Locator("#quarantine tbody tr").CountAsync());
        await StaffPortal.CheckAndCaptureAsync(dana, "run-quarantine");
        await dana.ClickAsync("#next-page");
        Assert.Equal(5, await dana.Locator("#quarantine tbody tr").CountAsync());
        Assert.Equal(0, await dana.Locator("#next-page").CountAsync());

        await dana.GotoAsync($"/staff/runs/{_run}");
        await dana.FillAsync("#field", "benefit");
        await dana.ClickAsync("#apply-filter");
        Assert.Equal(27, await dana.Locator("#quarantine tbody tr").CountAsync());
        // Only rows quarantined for the benefit field: the "Why" column names no other field (the values read still show every field).
        var reasons = await dana.Locator("#quarantine tbody td:nth-of-type(1)").AllInnerTextsAsync();
        Assert.All(reasons, r => Assert.StartsWith("benefit:", r.Trim(), StringComparison.Ordinal));
        Assert.DoesNotContain(reasons, r => r.Contains("nino:", StringComparison.Ordinal));
        await StaffPortal.AssertAccessibleAsync(dana);

        var download = await dana.RunAndWaitForDownloadAsync(() => dana.ClickAsync("#download-csv"));
        var path = Path.Combine(Path.GetTempPath(), "concordat-quarantine-" + Guid.NewGuid().ToString("N") + ".csv");
        await download.SaveAsAsync(path);
        var lines = await File.ReadAllLinesAsync(path);
        File.Delete(path);
        Assert.Equal("rowNumber,reasons,nino,benefit", lines[0]);
        Assert.Equal(28, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains("benefit:", l, StringComparison.Ordinal));
        // A value a spreadsheet would run as a formula leaves as text.
        Assert.Contains(lines, l => l.Contains("'=HYPERLINK", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",=HYPERLINK", StringComparison.Ordinal));
        Assert.Empty(errors);

        // Quarantined rows hold people's values: reading them, on the page or as a file, is audited like a record read.
        var entries = (await _host.Services.GetRequiredService<IAuditLog>().ListEntriesAsync(0, 100_000, default)).Select(e => e.Entry)
            .Where(e => e.ClientId == "staff:dana.whitfield" && e.DatasetId == "dwp-claimants").ToList();
        Assert.Contains(entries, e => e.Action == "quarantine-read" && e.OrganisationId == "dwp" && e.Outcome == AuditOutcome.Permitted);
        Assert.Single(entries, e => e.Action == "quarantine-download");
    }

    [Fact]
    public async Task Another_organisations_steward_finds_nothing_and_a_dpo_has_no_access()
    {
        var errors = new List<string>();
        var hannah = await StaffPortal.SignInAsync(_browser, _host, "hannah.reid", errors);
        Assert.DoesNotContain("Benefit claimants", await (await hannah.GotoAsync("/staff/datasets"))!.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (await hannah.GotoAsync("/staff/datasets/dwp-claimants"))!.Status);
        Assert.Equal(404, (await hannah.GotoAsync($"/staff/runs/{_run}"))!.Status);
        var csv = await hannah.APIRequest.GetAsync($"/staff/runs/{_run}/quarantine.csv");
        Assert.Equal(404, csv.Status);
        Assert.DoesNotContain("HYPERLINK", await csv.TextAsync(), StringComparison.Ordinal);

        var dev = await StaffPortal.SignInAsync(_browser, _host, "dev.patel", errors);
        Assert.Equal(0, await dev.Locator("a[href='/staff/datasets']").CountAsync());
        Assert.Equal(403, (await dev.GotoAsync("/staff/datasets/dwp-claimants"))!.Status);
        Assert.Equal("You do not have access", (await dev.InnerTextAsync("h1")).Trim());
    }

    private static long Seed(StaffHost host)
    {
        host.EnsureStarted();
        var quality = host.Services.GetRequiredService<QualityService>();
        var seeded = Path.Combine(host.DataDirectory, "quality-test-run");
        if (File.Exists(seeded))
        {
            return long.Parse(File.ReadAllText(seeded), CultureInfo.InvariantCulture);
        }

        Assert.True(quality.PutRulesAsync("dwp-claimants", """{ "rules": [ { "type": "not_null", "field": "postcode" }, { "type": "matches_standard", "field": "nino" } ] }""", default).GetAwaiter().GetResult().IsSuccess);
        Assert.True(quality.ProfileAsync("dwp-claimants", ProfileTrigger.OnDemand, null, default).GetAwaiter().GetResult().IsSuccess);
        var quarantine = Enumerable.Range(2, 55).Select(row => ((long)row,
            new Dictionary<string, string?> { ["nino"] = row % 2 == 0 ? "NOT-A-NINO" : "AB123456C", ["benefit"] = row == 3 ? "=HYPERLINK(\"http://attacker.example\")" : "" },
            row % 2 == 0 ? new[] { "nino: not a valid National Insurance number" } : new[] { "benefit: a value is required" })).ToList();
        var run = IngestSeed.Run(host, "dwp-claimants",
        [
            ("CE987654D|universal-credit", """{"nino":"CE987654D","givenName":"Bob","familyName":"Smith","dateOfBirth":"1990-01-01","benefit":"universal-credit"}"""),
        ],
        quarantine);
        Assert.True(quality.ProfileAsync("dwp-claimants", ProfileTrigger.OnDemand, null, default).GetAwaiter().GetResult().IsSuccess);
        File.WriteAllText(seeded, run.ToString(CultureInfo.InvariantCulture));
        return run;
    }
}
