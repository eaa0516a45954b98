using System.Net;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Concordat.Server.Tests.Auth;

public sealed class FakeClockHost : ConcordatHost
{
    public FakeClockHost()
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private FakeClockHost(FakeTimeProvider clock)
        : base([], clock) => Clock = clock;

    public FakeTimeProvider Clock { get; }
}

/// <summary>Tokens age on the hub's clock: valid for the configured lifetime plus at most 30 seconds of skew.</summary>
public sealed class TokenLifetimeTests : IClassFixture<FakeClockHost>
{
    private readonly FakeClockHost _host;

    public TokenLifetimeTests(FakeClockHost host) => _host = host;

    [Fact]
    public async Task Token_expires_after_its_lifetime_and_the_clock_skew()
    {
        var token = await _host.TokenAsync("hmrc-steward");
        using var http = _host.WithBearer(token);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/datasets")).StatusCode);

        _host.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/datasets")).StatusCode);

        _host.Clock.Advance(TimeSpan.FromSeconds(31));
        using var expired = await http.GetAsync("/api/v1/datasets");
        await Problem.ReadAsync(expired, 401);
    }

    [Fact]
    public async Task Token_minted_in_the_future_is_not_yet_valid()
    {
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        var token = await _host.TokenAsync("hmrc-service");
        _host.Clock.AdjustTime(_host.Clock.GetUtcNow().AddMinutes(-5));
        using var http = _host.WithBearer(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/datasets")).StatusCode);
    }
}
