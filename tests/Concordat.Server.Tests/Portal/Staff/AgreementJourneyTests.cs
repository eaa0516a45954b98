using System.Globalization;
using System.Net;
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Concordat.Server.Tests.Portal.Staff;

/// <summary>
/// The agreement journey in real Chromium, every page checked with axe-core and captured: a council steward writes an
/// agreement through the task list and submits it, the provider's steward and data protection officer approve it, a
/// look-up through the API is made under it, and the citizen sees that look-up; then the terms change and the
/// differences show, an approval is refused with a reason, and the agreement is suspended, resumed and revoked.
/// </summary>
public sealed class AgreementJourneyTests : IClassFixture<StaffHost>, IClassFixture<Browser>
{
    private const string Jane = "JG103759A";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private readonly StaffHost _host;
    private readonly Browser _browser;

    public AgreementJourneyTests(StaffHost host, Browser browser)
    {
        _host = host;
        _browser = browser;
    }

    [Fact]
    public async Task A_council_steward_drafts_dwp_approves_a_lookup_follows_and_the_citizen_sees_it()
    {
        var errors = new List<string>();
        var lucy = await StaffPortal.SignInAsync(_browser, _host, "lucy.evans", errors);
        var id = "leeds-pension-" + Guid.NewGuid().ToString("N")[..6];
        await WriteAgreementAsync(lucy, id, capture: true);

        // Submitted: the consumer's steward cannot approve (and sees no form to), the agreement shows who must.
        Assert.EndsWith($"/staff/agreements/{id}?done=submitted", lucy.Url, StringComparison.Ordinal);
        Assert.Equal("Awaiting approval", await lucy.InnerTextAsync("#status"));
        Assert.Equal(0, await lucy.Locator("#decide-steward-form").CountAsync());
        await StaffPortal.CheckAndCaptureAsync(lucy, "agreement-submitted");

        // DWP's steward approves the data; the page for DWP's DPO then asks only for the lawfulness decision.
        var dana = await StaffPortal.SignInAsync(_browser, _host, "dana.whitfield", errors);
        Assert.Equal(1, await dana.Locator($"#waiting a[href='/staff/agreements/{id}']").CountAsync());
        await dana.GotoAsync($"/staff/agreements/{id}");
        await StaffPortal.CheckAndCaptureAsync(dana, "agreement-approve");
        Assert.Equal(0, await dana.Locator("#decide-dpo-form").CountAsync());
        await dana.CheckAsync("#decide-steward-decision");
        await dana.FillAsync("#decide-steward-reason", "Only the fields the council needs, and the date of birth as a year.");
        await dana.ClickAsync("#decide-steward");
        Assert.Contains("Your approval is recorded", await dana.InnerTextAsync("#notice"), StringComparison.Ordinal);

        var dev = await StaffPortal.SignInAsync(_browser, _host, "dev.patel", errors);
        await dev.GotoAsync($"/staff/agreements/{id}");
        Assert.Equal(0, await dev.Locator("#decide-steward-form").CountAsync());
        await dev.CheckAsync("#decide-dpo-decision");
        await dev.ClickAsync("#decide-dpo");
        Assert.Equal("Active", await dev.InnerTextAsync("#status"));
        Assert.Equal(2, await dev.Locator("#approvals tbody tr").CountAsync());

        // The council's service looks Jane up through the API under the agreement the portal made.
        using (var service = await _host.AsAsync("leeds-council-service"))
        {
            var found = await ExchangeFixture.ExpectAsync(service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(ExchangeFixture.Lookup(id, Jane))), HttpStatusCode.OK);
            Assert.Contains("1952", found.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("1952-07-14", found.GetRawText(), StringComparison.Ordinal);
        }

        // DWP's DPO finds that look-up in the audit pages, under the agreement they approved.
        await dev.GotoAsync("/staff/audit");
        await dev.SelectOptionAsync("#agreement", id);
        await dev.ClickAsync("#apply-filter");
        var rows = await dev.Locator("#entries tbody tr").AllInnerTextsAsync();
        var row = Assert.Single(rows);
        Assert.Contains("Look-up", row, StringComparison.Ordinal);
        Assert.Contains("Leeds City Council (leeds-council-service)", row, StringComparison.Ordinal);
        Assert.Contains("Permitted", row, StringComparison.Ordinal);

        // Jane sees the council's look-up in her own view, named by the agreement the council's steward drafted.
        var citizen = await _browser.NewPageAsync(_host.BaseAddress, errors);
        await citizen.GotoAsync("/my-data");
        await citizen.CheckAsync("input[value='demo-citizen-1']");
        await citizen.ClickAsync("#sign-in");
        var accesses = await citizen.InnerTextAsync("#accesses");
        Assert.Contains("Leeds City Council", accesses, StringComparison.Ordinal);
        Assert.Contains("Pension credit take-up", accesses, StringComparison.Ordinal);
        Assert.Equal($"/register/{id}", await citizen.GetAttributeAsync("#accesses a.govuk-link", "href"));

        // The impact dashboard counts the answered request for both parties.
        await lucy.GotoAsync("/staff/impact");
        Assert.NotEqual("0", await lucy.InnerTextAsync("#answered"));
        Assert.Contains("Pension credit take-up", await lucy.InnerTextAsync("#by-agreement"), StringComparison.Ordinal);
        await StaffPortal.CheckAndCaptureAsync(lucy, "impact");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Every_validation_failure_shows_the_validators_messages_linked_to_their_fields()
    {
        var errors = new List<string>();
        var lucy = await StaffPortal.SignInAsync(_browser, _host, "lucy.evans", errors);
        await lucy.GotoAsync("/staff/agreements");
        await lucy.ClickAsync("#start-agreement");
        await lucy.ClickAsync("#task-parties");
        await lucy.FillAsync("#agreement-id", "Not A Slug!");
        await lucy.SelectOptionAsync("#provider", "dwp");
        await lucy.SelectOptionAsync("#consumer", "dwp");
        await lucy.ClickAsync("#save");

        Assert.StartsWith("Error:", await lucy.TitleAsync(), StringComparison.Ordinal);
        var links = await lucy.Locator(".govuk-error-summary__list a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href') + ' ' + a.textContent)");
        Assert.Contains(links, l => l.StartsWith("#title ", StringComparison.Ordinal) && l.Contains("title is required", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("#consumer ", StringComparison.Ordinal) && l.Contains("The provider and consumer must be different organisations.", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("#agreement-id ", StringComparison.Ordinal));
        // Every link lands on an input of the page, which also shows the message beside it.
        foreach (var link in links)
        {
            var target = link[1..link.IndexOf(' ', StringComparison.Ordinal)];
            Assert.Equal(1, await lucy.Locator($"#{target}").CountAsync());
            Assert.Equal(1, await lucy.Locator($"#{target}-error").CountAsync());
        }

        await lucy.ClickAsync(".govuk-error-summary__list a[href='#title']");
        Assert.Equal("title", await lucy.EvaluateAsync<string>("() => document.activeElement.id"));
        await StaffPortal.CheckAndCaptureAsync(lucy, "agreement-errors");

        // Dates that are not dates are refused with the GOV.UK wording, and the dataset section cannot start without a provider.
        await lucy.GotoAsync(lucy.Url.Replace("/parties", "/dates", StringComparison.Ordinal));
        await lucy.FillAsync("#retention", "ninety");
        await lucy.FillAsync("#start-date", "31");
        await lucy.FillAsync("#start-date-month", "2");
        await lucy.FillAsync("#start-date-year", "2026");
        await lucy.ClickAsync("#save");
        var summary = await lucy.InnerTextAsync(".govuk-error-summary");
        Assert.Contains("Enter the number of days as a whole number", summary, StringComparison.Ordinal);
        Assert.Contains("The start date must be a real date", summary, StringComparison.Ordinal);
        Assert.Equal("ninety", await lucy.InputValueAsync("#retention"));
        await StaffPortal.AssertAccessibleAsync(lucy);

        // The check page lists every problem left, each linked to the section and input that fixes it.
        await lucy.GotoAsync(lucy.Url.Replace("/dates", "/check", StringComparison.Ordinal));
        await lucy.ClickAsync("#submit-agreement");
        var remaining = await lucy.Locator(".govuk-error-summary__list a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        Assert.Contains(remaining, href => href.EndsWith("/purpose#lawful-basis", StringComparison.Ordinal));
        Assert.Contains(remaining, href => href.EndsWith("/dpia#contact-0-name", StringComparison.Ordinal));
        await StaffPortal.AssertAccessibleAsync(lucy);
        Assert.DoesNotContain(errors, e => !e.Contains("400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changed_terms_show_their_differences_a_refusal_sends_back_to_draft_and_the_provider_suspends_resumes_and_revokes()
    {
        var errors = new List<string>();
        var lucy = await StaffPortal.SignInAsync(_browser, _host, "lucy.evans", errors);
        var id = "leeds-changes-" + Guid.NewGuid().ToString("N")[..6];
        await WriteAgreementAsync(lucy, id, capture: false);
        var dana = await StaffPortal.SignInAsync(_browser, _host, "dana.whitfield", errors);
        var dev = await StaffPortal.SignInAsync(_browser, _host, "dev.patel", errors);

        // The DPO refuses with a reason: back to draft, and the reason is in the history.
        await dev.GotoAsync($"/staff/agreements/{id}");
        await dev.CheckAsync("#decide-dpo-decision-2");
        await dev.ClickAsync("#decide-dpo");
        Assert.Contains("reason is required", await dev.InnerTextAsync(".govuk-error-summary"), StringComparison.Ordinal);
        Assert.Equal("#decide-dpo-reason", await dev.GetAttributeAsync(".govuk-error-summary__list a", "href"));
        await StaffPortal.CheckAndCaptureAsync(dev, "agreement-reject-error");
        await dev.FillAsync("#decide-dpo-reason", "The DPIA does not cover the date of birth.");
        await dev.ClickAsync("#decide-dpo");
        Assert.Equal("Draft", await dev.InnerTextAsync("#status"));

        // The council changes the terms (retention) and resubmits with a reason; the changes page shows exactly that.
        await lucy.GotoAsync($"/staff/agreements/{id}");
        await lucy.ClickAsync("#amend");
        await lucy.ClickAsync("#task-dates");
        await lucy.FillAsync("#retention", "30");
        await lucy.ClickAsync("#save");
        await lucy.ClickAsync("#check");
        await StaffPortal.CheckAndCaptureAsync(lucy, "agreement-amend-check");
        await lucy.FillAsync("#reason", "Keep the copy for 30 days, as the DPO asked.");
        await lucy.ClickAsync("#submit-agreement");
        Assert.Equal("Awaiting approval", await lucy.InnerTextAsync("#status"));
        await lucy.ClickAsync("#changes-link");
        var differences = await lucy.InnerTextAsync("#differences");
        Assert.Contains("90 days", differences, StringComparison.Ordinal);
        Assert.Contains("30 days", differences, StringComparison.Ordinal);
        Assert.Equal(1, await lucy.Locator("#differences tbody tr").CountAsync());
        await StaffPortal.CheckAndCaptureAsync(lucy, "agreement-changes");

        await Approve(dana, id, "steward");
        await Approve(dev, id, "dpo");
        // Dana's page was drawn before the DPO's approval made the agreement active: only a fresh one offers suspension.
        await dana.GotoAsync($"/staff/agreements/{id}");
        Assert.Equal("Active", await dana.InnerTextAsync("#status"));
        await dana.FillAsync("#suspend-reason", "A breach is being investigated.");
        await dana.ClickAsync("#suspend");
        Assert.Equal("Suspended", await dana.InnerTextAsync("#status"));
        Assert.Equal("A breach is being investigated.", await dana.InnerTextAsync("#status-reason"));
        await StaffPortal.CheckAndCaptureAsync(dana, "agreement-suspended");
        await dana.FillAsync("#resume-reason", "The investigation found no breach.");
        await dana.ClickAsync("#resume");
        Assert.Equal("Active", await dana.InnerTextAsync("#status"));
        await dana.FillAsync("#revoke-reason", "The council no longer runs the scheme.");
        await dana.ClickAsync("#revoke");
        Assert.Equal("Revoked", await dana.InnerTextAsync("#status"));
        Assert.Equal(0, await dana.Locator("#amend").CountAsync());

        await dana.ClickAsync("#history-link");
        var history = await dana.InnerTextAsync("#history");
        foreach (var step in new[] { "Rejected by the data protection officer", "The DPIA does not cover the date of birth.", "Terms changed", "Keep the copy for 30 days", "Suspended", "Resumed", "Revoked" })
        {
            Assert.Contains(step, history, StringComparison.Ordinal);
        }

        await StaffPortal.CheckAndCaptureAsync(dana, "agreement-history");
        Assert.DoesNotContain(errors, e => !e.Contains("400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_organisations_agreement_and_draft_are_not_found_and_its_steps_change_nothing()
    {
        var errors = new List<string>();
        var lucy = await StaffPortal.SignInAsync(_browser, _host, "lucy.evans", errors);
        var id = "leeds-private-" + Guid.NewGuid().ToString("N")[..6];
        await WriteAgreementAsync(lucy, id, capture: false);
        await lucy.GotoAsync("/staff/agreements");
        await lucy.ClickAsync("#start-agreement");
        var draft = new Uri(lucy.Url).AbsolutePath;

        var hannah = await StaffPortal.SignInAsync(_browser, _host, "hannah.reid", errors);
        Assert.Equal(404, (await hannah.GotoAsync($"/staff/agreements/{id}"))!.Status);
        Assert.Equal("Page not found", (await hannah.InnerTextAsync("h1")).Trim());
        Assert.Equal(404, (await hannah.GotoAsync(draft))!.Status);
        await hannah.GotoAsync("/staff/agreements");
        var token = await hannah.Locator("#start-agreement").Locator("xpath=..").Locator("input[type=hidden]").GetAttributeAsync("value");
        var form = hannah.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        form.Set("reason", "Not mine to revoke.");
        var revoke = await hannah.APIRequest.PostAsync($"/staff/agreements/{id}/revoke", new APIRequestContextOptions { Form = form });
        Assert.Equal(404, revoke.Status);
        await lucy.GotoAsync($"/staff/agreements/{id}");
        Assert.Equal("Awaiting approval", await lucy.InnerTextAsync("#status"));
    }

    private static async Task Approve(IPage page, string id, string role)
    {
        await page.GotoAsync($"/staff/agreements/{id}");
        await page.CheckAsync($"#decide-{role}-decision");
        await page.ClickAsync($"#decide-{role}");
        Assert.Contains("Your approval is recorded", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
    }

    // Works through every section of the task list as a council steward and submits; captures each page when asked.
    private static async Task WriteAgreementAsync(IPage page, string id, bool capture)
    {
        async Task Capture(string name)
        {
            if (capture)
            {
                await StaffPortal.CheckAndCaptureAsync(page, name);
            }
        }

        await page.GotoAsync("/staff/agreements");
        await Capture("agreements");
        await page.ClickAsync("#start-agreement");
        Assert.Equal("Cannot start yet", (await page.InnerTextAsync("#datasets-status")).Trim());
        await Capture("agreement-task-list");

        await page.ClickAsync("#task-parties");
        await page.FillAsync("#title", "Pension credit take-up");
        await page.FillAsync("#agreement-id", id);
        await page.SelectOptionAsync("#provider", "dwp");
        await page.SelectOptionAsync("#consumer", "leeds-council");
        await Capture("agreement-parties");
        await page.ClickAsync("#save");
        Assert.Equal("Completed", (await page.InnerTextAsync("#parties-status")).Trim());

        await page.ClickAsync("#task-purpose");
        await page.FillAsync("#purpose", "Find older residents who may be entitled to pension credit and help them claim.");
        await page.SelectOptionAsync("#purpose-code", "benefit-eligibility");
        await page.CheckAsync("input[name='lawful-basis'][value='PublicTask']");
        await Capture("agreement-purpose");
        await page.ClickAsync("#save");

        await page.ClickAsync("#task-gateway");
        await page.FillAsync("#legal-gateway", "Digital Economy Act 2017 Part 5 (public service delivery)");
        await Capture("agreement-gateway");
        await page.ClickAsync("#save");

        await page.ClickAsync("#task-datasets");
        await page.CheckAsync("input[name='disclosure-mode'][value='Identified']");
        foreach (var field in new[] { "nino", "givenName", "dateOfBirth", "benefit" })
        {
            await page.CheckAsync($"#field-dwp-claimants-{field}");
        }

        await page.SelectOptionAsync("#transform-dwp-claimants-dateOfBirth", "DateToYear");
        await Capture("agreement-datasets");
        await page.ClickAsync("#save");
        Assert.Equal("Completed", (await page.InnerTextAsync("#datasets-status")).Trim());
        Assert.Equal("Optional", (await page.InnerTextAsync("#filters-status")).Trim());

        await page.ClickAsync("#task-filters");
        await page.SelectOptionAsync("#filter-field", "dwp-claimants/dateOfBirth");
        await page.SelectOptionAsync("#filter-operator", "AgeAtLeast");
        await page.FillAsync("#filter-value", "60");
        await page.ClickAsync("#add-condition");
        Assert.Contains("aged 60 or over", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Capture("agreement-filters");
        await page.ClickAsync("#save");

        await page.ClickAsync("#task-dates");
        await page.FillAsync("#retention", "90");
        await page.CheckAsync("input[name='frequency'][value='OnDemand']");
        await FillDateAsync(page, "start-date", Today);
        await FillDateAsync(page, "end-date", Today.AddYears(1));
        await Capture("agreement-dates");
        await page.ClickAsync("#save");

        await page.ClickAsync("#task-dpia");
        await page.FillAsync("#dpia", "DPIA-2026-117");
        await page.FillAsync("#contact-0-name", "DWP data sharing team");
        await page.FillAsync("#contact-0-role", "information asset owner");
        await page.FillAsync("#contact-0-email", "sharing@dwp.example.gov.uk");
        await page.FillAsync("#contact-1-name", "Leeds data protection officer");
        await page.FillAsync("#contact-1-role", "data protection officer");
        await page.FillAsync("#contact-1-email", "dpo@leeds.example.gov.uk");
        await Capture("agreement-dpia");
        await page.ClickAsync("#save");
        Assert.Equal("You have completed 7 of 7 sections.", (await page.InnerTextAsync("#progress")).Trim());

        await page.ClickAsync("#check");
        await Capture("agreement-check");
        await page.ClickAsync("#submit-agreement");
        Assert.EndsWith($"/staff/agreements/{id}?done=submitted", page.Url, StringComparison.Ordinal);
    }

    private static async Task FillDateAsync(IPage page, string id, DateOnly date)
    {
        await page.FillAsync($"#{id}", date.Day.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync($"#{id}-month", date.Month.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync($"#{id}-year", date.Year.ToString(CultureInfo.InvariantCulture));
    }
}
