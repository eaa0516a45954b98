using System.Net;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Hosting;

public sealed class RateLimitedHost : ConcordatHost
{
    public RateLimitedHost()
        : base(new() { ["Concordat:RateLimitPermits"] = "5", ["Concordat:RateLimitWindow"] = "00:10:00" })
    {
    }
}

/// <summary>Checklist row 18: a burst over the limit gets 429 with Retry-After, and other clients are unaffected.</summary>
public sealed class RateLimitTests : IClassFixture<RateLimitedHost>
{
    private readonly RateLimitedHost _host;

    public RateLimitTests(RateLimitedHost host) => _host = host;

    [Fact]
    public async Task Burst_over_the_limit_is_429_with_retry_after_and_spares_other_clients()
    {
        // Tokens first: the token endpoint counts against the caller's address, not the client.
        var dwpToken = await _host.TokenAsync("dwp-service");
        var hmrcToken = await _host.TokenAsync("hmrc-service");
        using var dwp = _host.WithBearer(dwpToken);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await dwp.GetAsync("/api/v1/datasets")).StatusCode);
        }

        using var limited = await dwp.GetAsync("/api/v1/datasets");
        var problem = await Problem.ReadAsync(limited, 429);
        Assert.Equal("request.rate_limited", Problem.Code(problem));
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 600);

        using var hmrc = _host.WithBearer(hmrcToken);
        Assert.Equal(HttpStatusCode.OK, (await hmrc.GetAsync("/api/v1/datasets")).StatusCode);

        // Health stays answerable however busy a caller is.
        using var anonymous = _host.Anonymous();
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        }
    }
}
