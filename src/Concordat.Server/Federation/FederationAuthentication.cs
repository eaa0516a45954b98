using Microsoft.AspNetCore.Authorization;

namespace Concordat.Server.Federation;

/// <summary>The authentication scheme and policy of node-to-node access tokens.</summary>
public static class FederationAuthentication
{
    /// <summary>The scheme that validates certificate-bound federation tokens.</summary>
    public const string Scheme = "Federation";

    /// <summary>The JOSE <c>typ</c> of a federation access token (RFC 9068).</summary>
    public const string TokenType = "at+jwt";

    /// <summary>The confirmation claim (RFC 7800) and its certificate thumbprint member (RFC 8705 section 3.1).</summary>
    public const string Confirmation = "cnf";

    /// <summary>The <c>cnf</c> member holding the base64url SHA-256 thumbprint of the bound certificate.</summary>
    public const string CertificateThumbprint = "x5t#S256";

    /// <summary>Requires a valid federation token bound to the connection's certificate.</summary>
    public static AuthorizationPolicy Policy { get; } = new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build();
}
