using System.Text.Json.Serialization;

namespace Concordat.Server.Auth;

/// <summary>A successful token response (RFC 6749 section 5.1).</summary>
/// <param name="AccessToken">The access token, a JWT.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Lifetime in seconds.</param>
/// <param name="Scope">Granted roles, space separated.</param>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);
