using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Citizen.DemoIdentity;

/// <summary>
/// Authorization codes of the demo provider, in memory: random 256-bit, valid for one minute, redeemable once.
/// A redemption attempt consumes the code whether or not it succeeds (RFC 6749 section 4.1.2).
/// </summary>
internal sealed class DemoAuthorizationCodes
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DemoAuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public DemoAuthorizationCodes(TimeProvider time) => _time = time;

    public string Issue(string clientId, string redirectUri, string codeChallenge, string? nonce, string subject)
    {
        var now = _time.GetUtcNow();
        foreach (var (key, stale) in _codes)
        {
            if (stale.ExpiresAt <= now)
            {
                _codes.TryRemove(key, out _);
            }
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new DemoAuthorizationCode(clientId, redirectUri, codeChallenge, nonce, subject, now, now + Lifetime);
        return code;
    }

    /// <summary>Removes and returns the code if it exists and has not expired.</summary>
    public DemoAuthorizationCode? Take(string code)
    {
        if (!_codes.TryRemove(code, out var issued))
        {
            return null;
        }

        return issued.ExpiresAt > _time.GetUtcNow() ? issued : null;
    }
}
