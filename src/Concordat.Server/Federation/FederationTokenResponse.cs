using System.Text.Json.Serialization;

namespace Concordat.Server.Federation;

/// <summary>A successful federation token response (RFC 6749 section 5.1).</summary>
/// <param name="AccessToken">The certificate-bound access token, a JWT.</param>
/// <param name="TokenType">Always <c>Bearer</c>: RFC 8705 binds the token without changing how it is sent.</param>
/// <param name="ExpiresIn">Lifetime in seconds.</param>
public sealed record FederationTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);
