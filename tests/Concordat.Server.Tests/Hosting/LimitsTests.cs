using System.Net;
using System.Text;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Hosting;

public sealed class SmallBodyLimitHost : ConcordatHost
{
    public SmallBodyLimitHost()
        : base(new() { ["Concordat:MaxRequestBodyBytes"] = "4096" })
    {
    }
}

/// <summary>Checklist row 12: oversized bodies are refused with 413 problem+json, whether or not they declare a length.</summary>
public sealed class LimitsTests : IClassFixture<SmallBodyLimitHost>
{
    private readonly SmallBodyLimitHost _host;

    public LimitsTests(SmallBodyLimitHost host) => _host = host;

    [Fact]
    public async Task Body_with_a_declared_length_over_the_limit_is_413()
    {
        using var http = await _host.AsAsync("hub-admin");
        var body = Bodies.Dataset("hmrc-big", "hmrc");
        body["description"] = new string('x', 8000);
        using var response = await http.PostAsync("/api/v1/datasets", Bodies.Json(body));
        var problem = await Problem.ReadAsync(response, 413);
        Assert.Equal("request.too_large", Problem.Code(problem));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/datasets/hmrc-big")).StatusCode);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_413()
    {
        using var http = await _host.AsAsync("hub-admin");
        var json = "{\"id\":\"ons\",\"name\":\"" + new string('x', 8000) + "\"}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organisations") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await http.SendAsync(request);
        var problem = await Problem.ReadAsync(response, 413);
        Assert.Equal("request.too_large", Problem.Code(problem));
    }

    [Fact]
    public async Task Body_under_the_limit_is_accepted()
    {
        using var http = await _host.AsAsync("hub-admin");
        using var response = await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("hmrc-small", "hmrc")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Token_endpoint_refuses_large_forms()
    {
        using var http = _host.Anonymous();
        using var response = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "hub-admin",
            ["client_secret"] = new string('s', 20_000),
        }));
        await Problem.ReadAsync(response, 413);
    }

    [Fact]
    public async Task Deeply_nested_json_is_400_not_500()
    {
        using var http = await _host.AsAsync("hub-admin");
        var json = "{\"id\":\"deep\",\"name\":\"x\",\"homepage\":" + new string('[', 100) + new string(']', 100) + "}";
        var problem = await Problem.ReadAsync(await http.PostAsync("/api/v1/organisations", Bodies.Json(json)), 400);
        Assert.Equal("request.invalid_json", Problem.Code(problem));
    }
}
