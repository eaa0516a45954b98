using Microsoft.Playwright;

namespace Concordat.Server.Tests.Infrastructure;

/// <summary>
/// One headless Chromium per test class, the system's own (<c>/usr/bin/chromium</c>, or <c>CONCORDAT_CHROMIUM</c>):
/// Playwright's browser download is never used. Pages record console errors, including CSP violations.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CONCORDAT_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Browser tests need Chromium at {ExecutablePath} (apt-get install -y chromium, or set CONCORDAT_CHROMIUM).");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh page in its own context, with every console error and page error collected in <paramref name="errors"/>.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, List<string> errors)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
