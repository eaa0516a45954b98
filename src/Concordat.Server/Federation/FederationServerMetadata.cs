using System.Text.Json.Serialization;

namespace Concordat.Server.Federation;

/// <summary>A node's authorization server metadata (RFC 8414), with RFC 8705's certificate-bound token flag.</summary>
/// <param name="Issuer">The issuer of its federation tokens.</param>
/// <param name="TokenEndpoint">Where nodes get tokens (over mutual TLS).</param>
/// <param name="TokenEndpointAuthMethodsSupported">Only <c>tls_client_auth</c>.</param>
/// <param name="GrantTypesSupported">Only <c>client_credentials</c>.</param>
/// <param name="TlsClientCertificateBoundAccessTokens">Always true: every token is bound to the caller's certificate.</param>
public sealed record FederationServerMetadata(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
    [property: JsonPropertyName("tls_client_certificate_bound_access_tokens")] bool TlsClientCertificateBoundAccessTokens);
