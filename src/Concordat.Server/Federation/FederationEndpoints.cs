using System.Net.Http.Headers;
using Concordat.Server.Auth;
using Concordat.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace Concordat.Server.Federation;

/// <summary>
/// The endpoints other nodes call, on the federation listener only: the token endpoint (OAuth2 client credentials
/// with mutual-TLS client authentication, RFC 8705 section 2, answering certificate-bound tokens), the authorization
/// server metadata (RFC 8414 with RFC 8705's members), and <c>whoami</c>, which shows a calling node how this node sees
/// it. Later federation endpoints belong in the group <see cref="MapFederationEndpoints"/> returns.
/// </summary>
public static class FederationEndpoints
{
    /// <summary>The path prefix of every federation endpoint.</summary>
    public const string Prefix = "/federation/v1";

    /// <summary>The token endpoint's path.</summary>
    public const string TokenPath = Prefix + "/oauth2/token";

    private const string LogCategory = "Concordat.Server.Federation.TokenEndpoint";

    /// <summary>
    /// Maps the federation endpoints and returns their group: every endpoint added to it is served on the federation
    /// listener only, needs a federation token bound to the caller's certificate, and sees its caller as a
    /// <see cref="FederationCaller"/> parameter.
    /// </summary>
    public static RouteGroupBuilder MapFederationEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Members are authenticated by certificate at the handshake; the public API's per-client limit would throttle a
        // node that forwards many consumers' requests.
        var group = app.MapGroup(Prefix)
            .WithMetadata(FederationEndpointMetadata.Instance)
            .RequireAuthorization(FederationAuthentication.Policy)
            .DisableRateLimiting()
            .ExcludeFromDescription();
        group.MapPost("/oauth2/token", IssueTokenAsync).AllowAnonymous().WithRequestBodyLimit(TokenEndpoints.MaxTokenRequestBytes);
        group.MapGet("/whoami", WhoAmI);
        app.MapGet("/.well-known/oauth-authorization-server", Metadata)
            .WithMetadata(FederationEndpointMetadata.Instance)
            .AllowAnonymous()
            .DisableRateLimiting()
            .ExcludeFromDescription();
        return group;
    }

    private static Ok<FederationPeerResponse> WhoAmI(FederationCaller caller, FederationConfigurationService configuration) =>
        TypedResults.Ok(new FederationPeerResponse(caller.OrganisationId, caller.CertificateThumbprint, configuration.OrganisationId, caller.ConfigurationVersion));

    private static IResult Metadata(FederationConfigurationService configuration)
    {
        if (configuration.Current?.Self is not { } self)
        {
            return TypedResults.NotFound();
        }

        var issuer = FederationTokenIssuer.IssuerOf(self);
        return TypedResults.Ok(new FederationServerMetadata(
            issuer,
            new Uri(self.NodeUrl, TokenPath.TrimStart('/')).AbsoluteUri,
            ["tls_client_auth"],
            ["client_credentials"],
            TlsClientCertificateBoundAccessTokens: true));
    }

    private static async Task<IResult> IssueTokenAsync(HttpContext http, FederationCaller caller, FederationConfigurationService configuration, FederationTokenIssuer issuer, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(LogCategory);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(logger, caller, StatusCodes.Status400BadRequest, "invalid_request", "content type", "The token request must be sent as application/x-www-form-urlencoded.");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form.Any(field => field.Value.Count > 1))
        {
            return Refuse(logger, caller, StatusCodes.Status400BadRequest, "invalid_request", "repeated parameter", "A token request parameter appears more than once.");
        }

        if (Single(form["grant_type"]) != "client_credentials")
        {
            return Refuse(logger, caller, StatusCodes.Status400BadRequest, "unsupported_grant_type", "grant type", "Only the client_credentials grant is supported.");
        }

        // RFC 8705 section 2: the client authenticates with its certificate alone and names itself with client_id.
        // A secret or an Authorization header would be a second authentication method (RFC 6749 section 2.3).
        if (form.ContainsKey("client_secret") || form.ContainsKey("client_assertion") || !StringValues.IsNullOrEmpty(http.Request.Headers.Authorization))
        {
            return Refuse(logger, caller, StatusCodes.Status400BadRequest, "invalid_request", "second authentication method", "Authenticate with the node certificate only (tls_client_auth).");
        }

        // RFC 8705 section 2: a client_id that the certificate does not match is invalid_client (RFC 6749 section 5.2).
        // 400 rather than 401: the client authenticated with no HTTP scheme a WWW-Authenticate challenge could name.
        if (Single(form["client_id"]) is not { } clientId || clientId != caller.OrganisationId)
        {
            return Refuse(logger, caller, StatusCodes.Status400BadRequest, "invalid_client", "client_id does not match the certificate", "client_id must be the organisation the node certificate names.");
        }

        if (form.ContainsKey("scope"))
        {
            return Refuse(logger, caller, StatusCodes.Status400BadRequest, "invalid_scope", "scope", "Federation tokens take no scope.");
        }

        if (configuration.Current?.Self is not { } self)
        {
            return Refuse(logger, caller, StatusCodes.Status400BadRequest, "invalid_request", "this node is not a member", "This node is not a member of the federation.");
        }

        var token = issuer.Issue(self, caller.Member, caller.CertificateThumbprint);
        FederationLog.TokenIssued(logger, token.TokenId, caller.OrganisationId, caller.CertificateThumbprint);
        return TypedResults.Json(new FederationTokenResponse(token.AccessToken, "Bearer", token.ExpiresIn), statusCode: StatusCodes.Status200OK);
    }

    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    private static JsonHttpResult<TokenErrorResponse> Refuse(ILogger logger, FederationCaller caller, int status, string error, string reason, string description)
    {
        FederationLog.TokenRefused(logger, caller.OrganisationId, error, reason);
        return TypedResults.Json(new TokenErrorResponse(error, description), statusCode: status);
    }
}
