namespace Concordat.Server.Auth;

/// <summary>An access token just minted.</summary>
/// <param name="AccessToken">The signed JWT.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
/// <param name="Scope">Granted scope: the role names, space separated.</param>
/// <param name="TokenId">The token's <c>jti</c>.</param>
internal sealed record IssuedToken(string AccessToken, long ExpiresIn, string Scope, string TokenId);
