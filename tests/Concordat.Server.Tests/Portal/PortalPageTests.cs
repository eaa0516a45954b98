using Concordat.Server.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Concordat.Server.Tests.Portal;

/// <summary>The public portal pages in a real headless Chromium against the real hub: accessible, styled, scripted, CSP-clean.</summary>
public sealed class PortalPageTests : IClassFixture<ConcordatHost>, IClassFixture<Browser>
{
    private readonly ConcordatHost _host;
    private readonly Browser _browser;

    public PortalPageTests(ConcordatHost host, Browser browser)
    {
        _host = host;
        _browser = browser;
        RegisterSeed.ApprovedAgreement(host, "portal-pension-credit");
    }

    public static TheoryData<string> Pages => ["/", "/catalogue", "/accessibility", "/register", "/citizen/signed-out"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_axe_violations_at_wcag_2_2_aa(string path)
    {
        var errors = new List<string>();
        var page = await _browser.NewPageAsync(_host.BaseAddress, errors);
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        Assert.True(results.Violations.Length == 0, string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)")));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_is_styled_and_scripted_with_no_console_or_csp_errors(string path)
    {
        var errors = new List<string>();
        var page = await _browser.NewPageAsync(_host.BaseAddress, errors);
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        // GOV.UK Frontend's stylesheet loaded: the skip link is visually hidden until focused.
        var skipLinkLeft = await page.EvalOnSelectorAsync<string>(".govuk-skip-link", "e => getComputedStyle(e).position");
        Assert.Equal("absolute", skipLinkLeft);
        // Its web font came from the hub's own /assets.
        var font = await page.EvalOnSelectorAsync<string>("h1", "e => getComputedStyle(e).fontFamily");
        Assert.Contains("GDS Transport", font, StringComparison.Ordinal);
        // Its script ran under the CSP (no inline script allowed).
        var bodyClass = await page.EvalOnSelectorAsync<string>("body", "e => e.className");
        Assert.Contains("govuk-frontend-supported", bodyClass, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Catalogue_lists_the_demo_datasets_with_their_publishers_and_fields()
    {
        var errors = new List<string>();
        var page = await _browser.NewPageAsync(_host.BaseAddress, errors);
        await page.GotoAsync("/catalogue");
        var headings = await page.Locator("h2.govuk-heading-l").AllInnerTextsAsync();
        Assert.NotEmpty(headings);
        var body = await page.InnerTextAsync("main");
        Assert.Contains("HM Revenue", body, StringComparison.Ordinal);
        Assert.Contains("National Insurance number", body, StringComparison.Ordinal);
        Assert.Equal("page", await page.GetAttributeAsync("a[href='/catalogue']", "aria-current"));
    }

    [Fact]
    public async Task Register_lists_an_approved_agreement_with_its_parties_purpose_and_fields()
    {
        var errors = new List<string>();
        var page = await _browser.NewPageAsync(_host.BaseAddress, errors);
        await page.GotoAsync("/register");
        var list = await page.InnerTextAsync("main");
        Assert.Contains("Pension credit take-up", list, StringComparison.Ordinal);
        Assert.Contains("Department for Work and Pensions", list, StringComparison.Ordinal);
        Assert.Contains("Leeds City Council", list, StringComparison.Ordinal);
        Assert.Equal("page", await page.GetAttributeAsync("a[href='/register']", "aria-current"));

        await page.GotoAsync("/register/portal-pension-credit");
        var body = await page.InnerTextAsync("main");
        Assert.Contains("Public task (UK GDPR Article 6(1)(e))", body, StringComparison.Ordinal);
        Assert.Contains("postcode district only", body, StringComparison.Ordinal);
        Assert.Contains("aged 65 or over", body, StringComparison.Ordinal);
        Assert.DoesNotContain("dpo@leeds", body, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Tab_from_the_top_reaches_the_skip_link_first_and_it_moves_focus_to_main()
    {
        var errors = new List<string>();
        var page = await _browser.NewPageAsync(_host.BaseAddress, errors);
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main-content", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }
}
