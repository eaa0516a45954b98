using Concordat.Server.Tests.Auth;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Portal.Staff;

/// <summary>
/// Staff sessions end on the hub's clock: after 20 minutes without a request, and 8 hours after sign-in however busy
/// the member is. The next page then goes back to the provider.
/// </summary>
public sealed class StaffSessionTimeoutTests : IClassFixture<FakeClockHost>, IClassFixture<Browser>
{
    private readonly FakeClockHost _host;
    private readonly Browser _browser;

    public StaffSessionTimeoutTests(FakeClockHost host, Browser browser)
    {
        _host = host;
        _browser = browser;
    }

    [Fact]
    public async Task A_session_idle_for_twenty_minutes_ends_and_activity_before_then_keeps_it()
    {
        var page = await StaffPortal.SignInAsync(_browser, _host, "lucy.evans", []);
        _host.Clock.Advance(TimeSpan.FromMinutes(15));
        await page.GotoAsync("/staff/agreements");
        Assert.EndsWith("/staff/agreements", page.Url, StringComparison.Ordinal);
        _host.Clock.Advance(TimeSpan.FromMinutes(15));
        await page.GotoAsync("/staff/agreements");
        Assert.EndsWith("/staff/agreements", page.Url, StringComparison.Ordinal);

        _host.Clock.Advance(TimeSpan.FromMinutes(21));
        await page.GotoAsync("/staff/agreements");
        Assert.Contains("/demo-idp/authorize", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_session_still_ends_eight_hours_after_sign_in()
    {
        var page = await StaffPortal.SignInAsync(_browser, _host, "dana.whitfield", []);
        for (var minutes = 15; minutes < 8 * 60; minutes += 15)
        {
            _host.Clock.Advance(TimeSpan.FromMinutes(15));
            await page.GotoAsync("/staff");
            Assert.EndsWith("/staff", page.Url, StringComparison.Ordinal);
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(15));
        await page.GotoAsync("/staff");
        Assert.Contains("/demo-idp/authorize", page.Url, StringComparison.Ordinal);
    }
}
