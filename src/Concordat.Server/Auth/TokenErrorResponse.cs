using System.Text.Json.Serialization;

namespace Concordat.Server.Auth;

/// <summary>A token error response (RFC 6749 section 5.2).</summary>
/// <param name="Error">The error code, e.g. <c>invalid_client</c>.</param>
/// <param name="ErrorDescription">A human explanation that reveals nothing about which check failed.</param>
public sealed record TokenErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
