namespace Concordat.Core.Audit;

/// <summary>What a security event counts: requests refused before they could become accesses.</summary>
public enum SecurityEventKind
{
    /// <summary>A request to a protected route without a valid bearer token (missing, forged, expired, or its client no longer stands).</summary>
    Unauthenticated,

    /// <summary>A token request whose client authentication failed (unknown client, wrong secret, disabled client).</summary>
    ClientAuthenticationFailed,

    /// <summary>A request refused by the rate limiter.</summary>
    RateLimited,
}
