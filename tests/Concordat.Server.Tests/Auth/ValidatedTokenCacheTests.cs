using System.Security.Claims;
using Concordat.Server.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Concordat.Server.Tests.Auth;

/// <summary>A remembered token answers only for its exact string, only within its lifetime, and never shares its principal.</summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly ValidatedTokenCache _cache;

    public ValidatedTokenCacheTests() => _cache = new ValidatedTokenCache(_clock);

    [Fact]
    public void A_remembered_token_gives_a_copy_of_its_principal()
    {
        _cache.Remember("token-a", Principal("dwp-service"), null, Start.UtcDateTime.AddMinutes(15));

        Assert.True(_cache.TryGet("token-a", out var first));
        Assert.True(_cache.TryGet("token-a", out var second));
        Assert.Equal("dwp-service", first.FindFirstValue("sub"));
        Assert.NotSame(first, second);
        ((ClaimsIdentity)first.Identity!).AddClaim(new Claim("roles", "admin"));
        Assert.False(second.HasClaim("roles", "admin"));
        Assert.True(_cache.TryGet("token-a", out var third));
        Assert.False(third.HasClaim("roles", "admin"));
    }

    [Fact]
    public void Only_the_exact_token_string_is_a_hit()
    {
        _cache.Remember("token-a", Principal("dwp-service"), null, Start.UtcDateTime.AddMinutes(15));
        Assert.False(_cache.TryGet("token-A", out _));
        Assert.False(_cache.TryGet("token-a ", out _));
        Assert.False(_cache.TryGet("token-b", out _));
    }

    [Fact]
    public void An_expired_token_is_refused_and_forgotten()
    {
        _cache.Remember("token-a", Principal("dwp-service"), null, Start.UtcDateTime.AddMinutes(15));
        _clock.Advance(TimeSpan.FromMinutes(15) + ConfigureJwtBearer.ClockSkew);
        Assert.True(_cache.TryGet("token-a", out _));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_cache.TryGet("token-a", out _));
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void A_token_not_yet_valid_is_refused_until_its_start()
    {
        _cache.Remember("token-a", Principal("dwp-service"), Start.UtcDateTime.AddMinutes(5), Start.UtcDateTime.AddMinutes(20));
        Assert.False(_cache.TryGet("token-a", out _));

        _cache.Remember("token-a", Principal("dwp-service"), Start.UtcDateTime.AddMinutes(5), Start.UtcDateTime.AddMinutes(20));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(_cache.TryGet("token-a", out _));
    }

    [Fact]
    public void The_set_is_emptied_when_full()
    {
        for (var i = 0; i <= ValidatedTokenCache.Capacity; i++)
        {
            _cache.Remember("token-" + i, Principal("c" + i), null, Start.UtcDateTime.AddMinutes(15));
        }

        Assert.InRange(_cache.Count, 1, ValidatedTokenCache.Capacity);
        Assert.True(_cache.TryGet("token-" + ValidatedTokenCache.Capacity, out _));
    }

    private static ClaimsPrincipal Principal(string subject) =>
        new(new ClaimsIdentity([new Claim("sub", subject), new Claim("org", "dwp")], "Bearer", "sub", "roles"));
}
