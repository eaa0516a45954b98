using System.Net;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Concordat.Server.Tests.Portal.Staff;

/// <summary>
/// Staff sign-in in real Chromium: OpenID Connect through the demo provider, the session cookie's protections,
/// anti-forgery on forms, sign-out, and the GOV.UK "You do not have access" page for a role that may not see a page.
/// </summary>
public sealed class StaffSignInTests : IClassFixture<StaffHost>, IClassFixture<Browser>
{
    private readonly StaffHost _host;
    private readonly Browser _browser;

    public StaffSignInTests(StaffHost host, Browser browser)
    {
        _host = host;
        _browser = browser;
    }

    [Fact]
    public async Task A_steward_signs_in_through_the_provider_and_gets_an_httponly_samesite_session_that_scripts_cannot_read()
    {
        var errors = new List<string>();
        var page = await _browser.NewPageAsync(_host.BaseAddress, errors);
        await page.GotoAsync("/staff/agreements");
        // The demo provider lists staff, not citizens, for the staff client, and says it is a demo.
        Assert.Contains("demonstration sign-in for staff", await page.InnerTextAsync(".govuk-warning-text"), StringComparison.Ordinal);
        await StaffPortal.CheckAndCaptureAsync(page, "staff-sign-in");
        await page.CheckAsync("input[value='lucy.evans']");
        await page.ClickAsync("#sign-in");

        // Back where the member was going, signed in for their organisation and role.
        Assert.EndsWith("/staff/agreements", page.Url, StringComparison.Ordinal);
        Assert.Equal("Lucy Evans", await page.InnerTextAsync("#signed-in-as"));
        Assert.Equal("Leeds City Council", await page.InnerTextAsync("#signed-in-organisation"));
        Assert.Contains("data steward", await page.InnerTextAsync("#account"), StringComparison.Ordinal);

        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "concordat-staff");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        Assert.Equal("/staff", session.Path);
        Assert.DoesNotContain("concordat-staff", await page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);
        Assert.Empty(errors);

        await page.GotoAsync("/staff");
        await StaffPortal.CheckAndCaptureAsync(page, "staff-home");
    }

    [Fact]
    public async Task Sign_out_ends_the_session_and_the_next_staff_page_goes_back_to_the_provider()
    {
        var errors = new List<string>();
        var page = await StaffPortal.SignInAsync(_browser, _host, "dev.patel", errors);
        await page.ClickAsync("#sign-out");
        Assert.EndsWith("/staff/signed-out", page.Url, StringComparison.Ordinal);
        await StaffPortal.CheckAndCaptureAsync(page, "staff-signed-out");
        Assert.DoesNotContain((await page.Context.CookiesAsync()), c => c.Name == "concordat-staff");
        await page.GotoAsync("/staff/agreements");
        Assert.Contains("/demo-idp/authorize", page.Url, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused_with_a_page_and_changes_nothing()
    {
        var errors = new List<string>();
        var page = await StaffPortal.SignInAsync(_browser, _host, "lucy.evans", errors);
        var drafts = await CountDraftsAsync(page);

        // A forged cross-site form carries the session cookie but not the token.
        var forged = await page.APIRequest.PostAsync("/staff/drafts", new APIRequestContextOptions { Form = page.Context.APIRequest.CreateFormData() });
        Assert.Equal(400, forged.Status);
        Assert.StartsWith("text/html", forged.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("Nothing has been changed", await forged.TextAsync(), StringComparison.Ordinal);
        // A token from another session is refused too.
        var other = await StaffPortal.SignInAsync(_browser, _host, "dana.whitfield", errors);
        var stolen = await other.Locator("#sign-out").Locator("xpath=..").Locator("input[type=hidden]").GetAttributeAsync("value");
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", stolen!);
        var replayed = await page.APIRequest.PostAsync("/staff/drafts", new APIRequestContextOptions { Form = form });
        Assert.Equal(400, replayed.Status);
        Assert.Equal(drafts, await CountDraftsAsync(page));

        // In the browser, a form whose token is gone gets the GOV.UK page saying nothing was changed.
        await page.GotoAsync("/staff/agreements");
        await page.EvaluateAsync("() => document.querySelectorAll('input[name=__RequestVerificationToken]').forEach(i => i.remove())");
        var expired = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#start-agreement"), r => r.Url.EndsWith("/staff/drafts", StringComparison.Ordinal));
        Assert.Equal(400, expired.Status);
        Assert.Equal("Sorry, that form could not be sent", (await page.InnerTextAsync("h1")).Trim());
        await StaffPortal.CheckAndCaptureAsync(page, "form-expired");
        Assert.Equal(drafts, await CountDraftsAsync(page));

        // Control: the real form, with its token, does start a draft.
        await page.GotoAsync("/staff/agreements");
        await page.ClickAsync("#start-agreement");
        Assert.Contains("/staff/drafts/wd-", page.Url, StringComparison.Ordinal);
        Assert.Equal(drafts + 1, await CountDraftsAsync(page));
    }

    [Fact]
    public async Task Staff_pages_send_anonymous_callers_to_the_provider_and_refuse_api_tokens_and_citizen_sessions()
    {
        using var anonymous = _host.Anonymous();
        using var response = await anonymous.GetAsync("/staff/agreements");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(_host.BaseAddress + "demo-idp/authorize?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=concordat-staff", location, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", location, StringComparison.Ordinal);

        using var api = await _host.AsAsync("dwp-steward");
        using var withToken = await api.GetAsync("/staff/agreements");
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        Assert.StartsWith(_host.BaseAddress + "demo-idp/authorize?", withToken.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_callback_the_hub_did_not_start_shows_the_sign_in_failed_page()
    {
        var errors = new List<string>();
        var page = await _browser.NewPageAsync(_host.BaseAddress, errors);
        var response = await page.GotoAsync("/staff/signin-oidc?code=forged&state=forged");
        Assert.Equal(400, response!.Status);
        Assert.Equal("Sorry, we could not sign you in", (await page.InnerTextAsync("h1")).Trim());
        Assert.DoesNotContain((await page.Context.CookiesAsync()), c => c.Name == "concordat-staff");
        await StaffPortal.CheckAndCaptureAsync(page, "staff-sign-in-failed");
    }

    [Fact]
    public async Task Unknown_staff_pages_give_the_govuk_page_not_found_signed_in_or_not()
    {
        var errors = new List<string>();
        var lucy = await StaffPortal.SignInAsync(_browser, _host, "lucy.evans", errors);
        foreach (var path in new[] { "/staff/no-such-page", "/staff/agreements/some-id/no-such-tab", "/staff/runs/not-a-number" })
        {
            var response = await lucy.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
            Assert.Equal("Page not found", (await lucy.InnerTextAsync("h1")).Trim());
        }

        await StaffPortal.CheckAndCaptureAsync(lucy, "not-found");
        var anonymous = await _browser.NewPageAsync(_host.BaseAddress, errors);
        var unknown = await anonymous.GotoAsync("/staff/no-such-page");
        Assert.Equal(404, unknown!.Status);
        Assert.Equal("Page not found", (await anonymous.InnerTextAsync("h1")).Trim());
        Assert.All(errors, e => Assert.Contains("404", e, StringComparison.Ordinal));
    }

    private static async Task<int> CountDraftsAsync(IPage page)
    {
        await page.GotoAsync("/staff/agreements");
        return await page.Locator("#working-drafts tbody tr").CountAsync();
    }
}
