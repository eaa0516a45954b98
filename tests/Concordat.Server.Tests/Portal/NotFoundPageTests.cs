using System.Net;
using System.Net.Http.Headers;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Portal;

/// <summary>Unknown pages answer 404: the GOV.UK page to a browser, a problem to anything else; API paths keep their problems.</summary>
public sealed class NotFoundPageTests : IClassFixture<ConcordatHost>
{
    private readonly ConcordatHost _host;

    public NotFoundPageTests(ConcordatHost host) => _host = host;

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/catalogue/extra/segments")]
    [InlineData("/favicon.png")]
    public async Task A_browser_gets_the_govuk_page_not_found(string path)
    {
        using var http = _host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1 class=\"govuk-heading-xl\">Page not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("govuk-frontend", html, StringComparison.Ordinal);
        Assert.DoesNotContain(path, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anything_else_gets_a_404_problem_not_a_401()
    {
        using var http = _host.Anonymous();
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var problem = await Problem.ReadAsync(await http.GetAsync("/no-such-page"), 404);
        Assert.Equal("route.not_found", Problem.Code(problem));
    }

    [Fact]
    public async Task Api_paths_keep_their_problem_responses()
    {
        using var anonymous = _host.Anonymous();
        await Problem.ReadAsync(await anonymous.GetAsync("/api/v1/no-such-thing"), 401);
        using var admin = await _host.AsAsync("hub-admin");
        await Problem.ReadAsync(await admin.GetAsync("/api/v1/no-such-thing"), 404);
    }
}
