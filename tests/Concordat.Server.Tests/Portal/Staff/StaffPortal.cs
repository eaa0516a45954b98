using Concordat.Server.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Concordat.Server.Tests.Portal.Staff;

/// <summary>
/// Helpers of the staff portal's browser tests: signing in as a demo member through the demo provider, checking a
/// page with axe-core, and saving a screenshot of it as a test artefact (TestResults/portal; scripts/portal-screenshots.sh
/// turns them into docs/portal's small copies).
/// </summary>
public static class StaffPortal
{
    /// <summary>The axe-core tags of WCAG 2.2 level AA.</summary>
    public static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>A new page in a context of its own, signed in as the demo member <paramref name="subject"/>, on the staff home page.</summary>
    public static async Task<IPage> SignInAsync(Browser browser, ConcordatHost host, string subject, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(host);
        var page = await browser.NewPageAsync(host.BaseAddress, errors);
        await page.GotoAsync("/staff");
        Assert.Contains("/demo-idp/authorize", page.Url, StringComparison.Ordinal);
        Assert.Contains("client_id=concordat-staff", page.Url, StringComparison.Ordinal);
        await page.CheckAsync($"input[name='member'][value='{subject}']");
        await page.ClickAsync("#sign-in");
        Assert.EndsWith("/staff", page.Url, StringComparison.Ordinal);
        return page;
    }

    /// <summary>Fails on any serious or critical WCAG 2.2 AA finding; lesser findings are listed in the message of a failure.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page.Url + "\n" + string.Join("\n", results.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes: {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(' ', n.Target)))})")));
    }

    /// <summary>Checks the page with axe-core and saves a full-page screenshot named <paramref name="name"/>.</summary>
    public static async Task CheckAndCaptureAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await AssertAccessibleAsync(page);
        var artefact = Repository.PathOf("TestResults", "portal", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(artefact)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = artefact, FullPage = true });
    }
}
