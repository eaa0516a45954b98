using System.Collections.Concurrent;
using System.Security.Claims;

namespace Concordat.Server.Auth;

/// <summary>
/// Access tokens that passed full validation, kept so a client presenting the same token again skips re-parsing it,
/// re-verifying its ECDSA signature and rebuilding its claims (together about a third of an exchange look-up's CPU on
/// two cores). A hit needs the exact token string that validated, and the token's lifetime is checked again on the
/// injected clock at every use, so an expired token is refused just as before. Every hit gets its own copy of the
/// principal. Bounded: the set is emptied when it reaches <see cref="Capacity"/>. Thread safe.
/// </summary>
internal sealed class ValidatedTokenCache
{
    /// <summary>Most remembered tokens; tokens live minutes, so a full set is simply emptied.</summary>
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, Validated> _tokens = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ValidatedTokenCache(TimeProvider time) => _time = time;

    /// <summary>How many tokens are remembered now.</summary>
    public int Count => _tokens.Count;

    /// <summary>Remembers a token that has just passed every check, with the lifetime it was validated for (UTC).</summary>
    public void Remember(string token, ClaimsPrincipal principal, DateTime? notBefore, DateTime expires)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(principal);
        if (_tokens.Count >= Capacity)
        {
            _tokens.Clear();
        }

        _tokens[token] = new Validated(Copy(principal), notBefore, expires);
    }

    /// <summary>A fresh copy of the principal of a remembered token that is still within its lifetime.</summary>
    public bool TryGet(string token, out ClaimsPrincipal principal)
    {
        principal = null!;
        if (!_tokens.TryGetValue(token, out var validated))
        {
            return false;
        }

        if (!ConfigureJwtBearer.IsWithinLifetime(validated.NotBefore, validated.Expires, _time.GetUtcNow().UtcDateTime))
        {
            _tokens.TryRemove(token, out _);
            return false;
        }

        principal = Copy(validated.Principal);
        return true;
    }

    // ClaimsPrincipal.Clone shares its identities; each identity is copied so no request can change another's.
    private static ClaimsPrincipal Copy(ClaimsPrincipal principal) => new(principal.Identities.Select(i => i.Clone()));

    private sealed record Validated(ClaimsPrincipal Principal, DateTime? NotBefore, DateTime Expires);
}
