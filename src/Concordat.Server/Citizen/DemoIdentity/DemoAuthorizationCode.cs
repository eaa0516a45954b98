namespace Concordat.Server.Citizen.DemoIdentity;

/// <summary>An issued, not yet redeemed authorization code and what it is bound to.</summary>
internal sealed record DemoAuthorizationCode(
    string ClientId,
    string RedirectUri,
    string CodeChallenge,
    string? Nonce,
    string Subject,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
