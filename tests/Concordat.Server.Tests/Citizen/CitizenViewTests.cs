using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Concordat.Server.Tests.Citizen;

/// <summary>
/// The public register pages and the citizen's view end to end in real Chromium: a council looks a demo citizen up
/// through the API, the citizen signs in through the demo OpenID provider and sees that access, and downloads only
/// their own data. Also the protocol checks of the demo provider and the relying party.
/// </summary>
public sealed class CitizenViewTests : IClassFixture<CitizenHost>, IClassFixture<Browser>
{
    private const string Jane = "JG103759A";
    private const string Sam = "SK502211B";

    private readonly CitizenHost _host;
    private readonly Browser _browser;

    public CitizenViewTests(CitizenHost host, Browser browser)
    {
        _host = host;
        _browser = browser;
    }

    [Fact]
    public async Task Register_pages_list_the_agreement_in_plain_english_with_no_axe_violations()
    {
        var id = await ActiveAgreementAsync("register-page-" + Guid.NewGuid().ToString("N")[..8]);
        var errors = new List<string>();
        var page = await _browser.NewPageAsync(_host.BaseAddress, errors);

        Assert.Equal(200, (await page.GotoAsync("/register?status=active"))!.Status);
        await AssertAccessibleAsync(page);
        Assert.Equal("page", await page.GetAttributeAsync("a[href='/register']", "aria-current"));
        await page.ClickAsync($"a[href='/register/{id}']");
        Assert.EndsWith("/register/" + id, page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        var terms = await page.InnerTextAsync("#terms");
        Assert.Contains("Department for Work and Pensions", terms, StringComparison.Ordinal);
        Assert.Contains("Leeds City Council", terms, StringComparison.Ordinal);
        Assert.Contains("date of birth (year only)", terms, StringComparison.Ordinal);
        Assert.Contains("National Insurance number", terms, StringComparison.Ordinal);
        Assert.Contains("Digital Economy Act 2017 Part 5", terms, StringComparison.Ordinal);
        Assert.Contains("Public task", terms, StringComparison.Ordinal);
        Assert.Contains("90 days", terms, StringComparison.Ordinal);
        Assert.Equal("Active", (await page.InnerTextAsync("#status")).Trim());
        Assert.Equal($"/api/v1/register/agreements/{id}/odrl", await page.GetAttributeAsync("#odrl", "href"));

        // Filtering on another status leaves it out; an unknown status is an error the page explains.
        await page.GotoAsync("/register?status=revoked");
        Assert.Equal(0, await page.Locator($"a[href='/register/{id}']").CountAsync());
        Assert.Empty(errors);
        Assert.Equal(400, (await page.GotoAsync("/register?status=nonsense"))!.Status);
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (await page.GotoAsync("/register/no-such-agreement"))!.Status);
    }

    [Fact]
    public async Task A_citizen_sees_a_councils_lookup_of_them_and_exports_only_their_own_records()
    {
        var id = await ActiveAgreementAsync("citizen-view-" + Guid.NewGuid().ToString("N")[..8]);
        using (var consumer = await _host.AsAsync("leeds-council-service"))
        {
            var found = await ExchangeFixture.ExpectAsync(consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(ExchangeFixture.Lookup(id, Jane))), HttpStatusCode.OK);
            Assert.Contains(Jane, found.GetRawText(), StringComparison.Ordinal);
        }

        var errors = new List<string>();
        var page = await _browser.NewPageAsync(_host.BaseAddress, errors);
        await page.GotoAsync("/my-data");
        // Sent to the demo provider's sign-in page, which is accessible and says it is a demo.
        Assert.Contains("/demo-idp/authorize", page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        Assert.Contains("demonstration sign-in", await page.InnerTextAsync(".govuk-warning-text"), StringComparison.Ordinal);
        await page.ClickAsync("#sign-in");
        Assert.Contains("Select who to sign in as", await page.InnerTextAsync(".govuk-error-summary"), StringComparison.Ordinal);
        // That page answered 400 on purpose, which Chromium reports on the console; nothing else may.
        Assert.Single(errors);
        errors.Clear();
        await page.CheckAsync("input[value='demo-citizen-1']");
        await page.ClickAsync("#sign-in");

        Assert.EndsWith("/my-data", page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        Assert.Equal("Jane Green", await page.InnerTextAsync("#signed-in-as"));
        var table = await page.InnerTextAsync("#accesses");
        Assert.Contains("Leeds City Council", table, StringComparison.Ordinal);
        Assert.Contains("Pension credit take-up", table, StringComparison.Ordinal);
        Assert.Contains("benefit-eligibility", table, StringComparison.Ordinal);
        Assert.Contains("Shared", table, StringComparison.Ordinal);
        Assert.Equal($"/register/{id}", await page.GetAttributeAsync("#accesses a.govuk-link", "href"));

        var export = await page.APIRequest.GetAsync("/my-data/export.json");
        Assert.Equal(200, export.Status);
        using (var json = JsonDocument.Parse(await export.TextAsync()))
        {
            var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
            Assert.Contains(records, r => r.GetProperty("datasetId").GetString() == "hmrc-taxpayers");
            Assert.Contains(records, r => r.GetProperty("datasetId").GetString() == "dwp-claimants");
            Assert.All(records, r => Assert.Equal(Jane, r.GetProperty("data").GetProperty("nino").GetString()));
            Assert.Contains(json.RootElement.GetProperty("accesses").EnumerateArray(), a => a.GetProperty("agreementId").GetString() == id);
        }

        // The export itself is audited against Jane's subject key.
        var audit = _host.Services.GetRequiredService<IAuditLog>();
        var last = (await audit.GetEntryAsync(await audit.GetSizeAsync(default) - 1, default))!.Entry;
        Assert.Equal("subject-access", last.Action);
        var keyer = _host.Services.GetRequiredService<SubjectKeyer>();
        Assert.Equal([keyer.For(Core.Catalogue.IdentifierKind.Nino, Jane).Value], last.SubjectKeys);

        // Sam, signed in separately, sees none of Jane's accesses and gets only his own records.
        var other = await _browser.NewPageAsync(_host.BaseAddress, errors);
        await other.GotoAsync("/my-data");
        await other.CheckAsync("input[value='demo-citizen-2']");
        await other.ClickAsync("#sign-in");
        Assert.Equal("Sam Khan", await other.InnerTextAsync("#signed-in-as"));
        Assert.DoesNotContain("Leeds City Council", await other.InnerTextAsync("main"), StringComparison.Ordinal);
        var samExport = await other.APIRequest.GetAsync("/my-data/export.json");
        var samText = await samExport.TextAsync();
        Assert.DoesNotContain(Jane, samText, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(samText))
        {
            var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
            Assert.NotEmpty(records);
            Assert.All(records, r => Assert.Equal(Sam, r.GetProperty("data").GetProperty("nino").GetString()));
        }

        // Signing out ends the session: the page sends Jane back to sign-in.
        await page.ClickAsync("#sign-out");
        Assert.EndsWith("/citizen/signed-out", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/my-data");
        Assert.Contains("/demo-idp/authorize", page.Url, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task My_data_pages_through_a_long_history_twenty_at_a_time()
    {
        var audit = _host.Services.GetRequiredService<IAuditLog>();
        var priya = _host.Services.GetRequiredService<SubjectKeyer>().For(Core.Catalogue.IdentifierKind.Nino, "PY961478D").Value;
        for (var i = 0; i < 25; i++)
        {
            await audit.AppendAsync(new AuditEntry
            {
                Time = DateTimeOffset.UtcNow,
                ClientId = "hmrc-service",
                OrganisationId = "hmrc",
                Purpose = $"paging-check-{i:D2}",
                Action = "lookup",
                DatasetId = "dwp-claimants",
                Fields = ["benefit"],
                Outcome = i % 5 == 0 ? AuditOutcome.Denied : AuditOutcome.Permitted,
                SubjectKeys = [priya],
            }, default);
        }

        var errors = new List<string>();
        var page = await _browser.NewPageAsync(_host.BaseAddress, errors);
        await page.GotoAsync("/my-data");
        await page.CheckAsync("input[value='demo-citizen-3']");
        await page.ClickAsync("#sign-in");
        Assert.Equal(20, await page.Locator("#accesses tbody tr").CountAsync());
        Assert.Contains("paging-check-00", await page.InnerTextAsync("#accesses"), StringComparison.Ordinal);
        Assert.Contains("Refused", await page.InnerTextAsync("#accesses"), StringComparison.Ordinal);
        Assert.Contains("HM Revenue", await page.InnerTextAsync("#accesses"), StringComparison.Ordinal);
        await page.ClickAsync("#next-page");
        var second = await page.InnerTextAsync("#accesses");
        Assert.Equal(5, await page.Locator("#accesses tbody tr").CountAsync());
        Assert.Contains("paging-check-24", second, StringComparison.Ordinal);
        Assert.DoesNotContain("paging-check-00", second, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#next-page").CountAsync());
        await AssertAccessibleAsync(page);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Unauthenticated_my_data_redirects_to_sign_in_with_pkce()
    {
        using var http = _host.Anonymous();
        foreach (var path in new[] { "/my-data", "/my-data/export.json" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.ToString();
            Assert.StartsWith(_host.BaseAddress + "demo-idp/authorize?", location, StringComparison.Ordinal);
            Assert.Contains("code_challenge_method=S256", location, StringComparison.Ordinal);
            Assert.Contains("response_type=code", location, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Token_endpoint_rejects_a_wrong_pkce_verifier_and_burns_the_code()
    {
        var (code, _) = await AuthorizeAsync("demo-citizen-1", "wrong-verifier-test-0123456789-abcdefghijklmnop");
        using var http = _host.Anonymous();
        var wrong = await TokenAsync(http, code, new string('x', 43));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("invalid_grant", wrong.Body["error"]!.GetValue<string>());
        // The code is single use: even the right verifier cannot redeem it now.
        var again = await TokenAsync(http, code, "wrong-verifier-test-0123456789-abcdefghijklmnop");
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);

        // Control: a fresh code with the right verifier gives an ES256 ID token carrying the NINO.
        var (fresh, _) = await AuthorizeAsync("demo-citizen-1", "right-verifier-test-0123456789-abcdefghijklmnop");
        var ok = await TokenAsync(http, fresh, "right-verifier-test-0123456789-abcdefghijklmnop");
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        var idToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(ok.Body["id_token"]!.GetValue<string>());
        Assert.Equal("ES256", idToken.Alg);
        Assert.Equal(Jane, idToken.GetClaim("nino").Value);
    }

    [Fact]
    public async Task Callback_with_a_forged_state_is_refused_and_signs_no_one_in()
    {
        using var http = _host.Anonymous();
        using var response = await http.GetAsync("/citizen/signin-oidc?code=anything&state=forged");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("concordat-citizen=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("could not sign you in", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_document_and_jwks_describe_the_demo_provider()
    {
        using var http = _host.Anonymous();
        var discovery = JsonNode.Parse(await http.GetStringAsync("/demo-idp/.well-known/openid-configuration"))!;
        Assert.Equal(_host.BaseAddress + "demo-idp", discovery["issuer"]!.GetValue<string>());
        Assert.Equal("S256", discovery["code_challenge_methods_supported"]![0]!.GetValue<string>());
        var jwks = JsonNode.Parse(await http.GetStringAsync("/demo-idp/jwks"))!;
        var key = jwks["keys"]![0]!;
        Assert.Equal("P-256", key["crv"]!.GetValue<string>());
        Assert.Null(key["d"]);
        // Not the hub's access-token key.
        var hub = JsonNode.Parse(await http.GetStringAsync("/.well-known/jwks.json"))!;
        Assert.NotEqual(hub["keys"]![0]!["kid"]!.GetValue<string>(), key["kid"]!.GetValue<string>());

        // A forged Host header does not move the issuer or endpoints: they fall back to the public address.
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/demo-idp/.well-known/openid-configuration");
        forged.Headers.Host = "evil.example";
        using var response = await http.SendAsync(forged);
        var forgedDiscovery = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("https://hub.example.gov.uk/demo-idp", forgedDiscovery["issuer"]!.GetValue<string>());
        Assert.Equal("https://hub.example.gov.uk/demo-idp/token", forgedDiscovery["token_endpoint"]!.GetValue<string>());
    }

    // Drives the demo provider's authorize page with a plain HTTP client: returns the code it redirects with.
    private async Task<(string Code, string State)> AuthorizeAsync(string subject, string verifier)
    {
        var challenge = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var redirect = _host.BaseAddress + "citizen/signin-oidc";
        var query = $"response_type=code&client_id=concordat-citizen&redirect_uri={Uri.EscapeDataString(redirect)}&scope=openid&state=s1&nonce=n1&code_challenge={challenge}&code_challenge_method=S256";
        // The browser follows the redirect to the relying party, which refuses the state it did not issue before
        // redeeming anything, so the code in the address is still unused.
        var page = await _browser.NewPageAsync(_host.BaseAddress, []);
        await page.GotoAsync("/demo-idp/authorize?" + query);
        await page.CheckAsync($"input[value='{subject}']");
        await page.ClickAsync("#sign-in");
        var location = new Uri(page.Url);
        Assert.StartsWith(redirect + "?", location.ToString(), StringComparison.Ordinal);
        var parameters = location.Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);
        Assert.Equal("s1", parameters["state"]);
        return (parameters["code"], parameters["state"]);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> TokenAsync(HttpClient http, string code, string verifier)
    {
        using var response = await http.PostAsync("/demo-idp/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = _host.BaseAddress + "citizen/signin-oidc",
            ["client_id"] = "concordat-citizen",
            ["code_verifier"] = verifier,
        }));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        Assert.True(results.Violations.Length == 0, page.Url + "\n" + string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)")));
    }

    // The exchange fixture's agreement, sharing these four fields and no row filter.
    private Task<string> ActiveAgreementAsync(string id) => ExchangeFixture.ActivateAsync(_host, id, terms =>
    {
        var dataset = terms["datasets"]![0]!.AsObject();
        dataset.Remove("rowFilters");
        dataset["fields"] = new JsonArray(
            new JsonObject { ["name"] = "nino" },
            new JsonObject { ["name"] = "givenName" },
            new JsonObject { ["name"] = "dateOfBirth", ["transform"] = "dateToYear" },
            new JsonObject { ["name"] = "benefit" });
    });
}
