using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace Concordat.Server.Auth;

/// <summary>The OAuth2 token endpoint (client credentials grant, RFC 6749 section 4.4) and the JWKS document.</summary>
public static class TokenEndpoints
{
    /// <summary>Largest token request accepted; a real one is a few hundred bytes.</summary>
    public const long MaxTokenRequestBytes = 16 * 1024;

    private const string LogCategory = "Concordat.Server.Auth.TokenEndpoint";

    // Verified against when the client is unknown, so an unknown id costs the same time as a wrong secret.
    private static readonly ClientSecretHash UnknownClientHash = ClientSecretHash.Create("unknown-client-timing-equaliser");

    /// <summary>Maps <c>POST /oauth2/token</c> and <c>GET /.well-known/jwks.json</c>.</summary>
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/oauth2/token", IssueTokenAsync)
            .AllowAnonymous()
            .WithRequestBodyLimit(MaxTokenRequestBytes)
            .WithTags("Auth")
            .WithName("IssueToken")
            .WithSummary("Issue an access token (OAuth2 client credentials grant)")
            .WithDescription("Send application/x-www-form-urlencoded grant_type=client_credentials with the client id and secret, either as client_id and client_secret form fields or in an HTTP Basic Authorization header. Optional scope narrows the granted roles.")
            .Produces<TokenResponse>(StatusCodes.Status200OK)
            .Produces<TokenErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<TokenErrorResponse>(StatusCodes.Status401Unauthorized);
        app.MapGet("/.well-known/jwks.json", GetJwks)
            .AllowAnonymous()
            .WithTags("Auth")
            .WithName("GetJwks")
            .WithSummary("The public keys that verify access tokens (JWK Set)");
        return app;
    }

    private static IResult GetJwks(TokenSigningKey key, HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=300";
        var jwks = new JsonObject { ["keys"] = new JsonArray(key.PublicJwk()) };
        return Results.Content(jwks.ToJsonString(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> IssueTokenAsync(HttpContext http, IClientStore clients, TokenIssuer issuer, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var remote = RequestLabel.RemoteAddress(http);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(logger, remote, "invalid_request", "content type is not form-urlencoded", "The token request must be sent as application/x-www-form-urlencoded.");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        foreach (var field in form)
        {
            // RFC 6749 section 3.2: parameters must not be repeated.
            if (field.Value.Count > 1)
            {
                return Refuse(logger, remote, "invalid_request", "repeated parameter", "A token request parameter appears more than once.");
            }
        }

        var grantType = Single(form["grant_type"]);
        if (grantType is null)
        {
            return Refuse(logger, remote, "invalid_request", "no grant_type", "grant_type is required.");
        }

        if (!string.Equals(grantType, "client_credentials", StringComparison.Ordinal))
        {
            return Refuse(logger, remote, "unsupported_grant_type", "grant type not supported", "Only the client_credentials grant is supported.");
        }

        var (basic, basicProblem) = ClientCredentials.FromBasicHeader(http.Request.Headers.Authorization);
        if (basicProblem is not null)
        {
            return RefuseClient(http, logger, remote, basicProblem);
        }

        var formId = Single(form["client_id"]);
        var formSecret = Single(form["client_secret"]);
        ClientCredentials? credentials;
        if (basic is not null)
        {
            // RFC 6749 section 2.3: a client must not use more than one authentication method.
            if (formSecret is not null || (formId is not null && !string.Equals(formId, basic.ClientId, StringComparison.Ordinal)))
            {
                return Refuse(logger, remote, "invalid_request", "credentials in both header and body", "Send client credentials either in the Authorization header or in the body, not both.");
            }

            credentials = basic;
        }
        else
        {
            credentials = formId is not null && formSecret is not null ? new ClientCredentials(formId, formSecret, ViaBasic: false) : null;
        }

        if (credentials is null)
        {
            return RefuseClient(http, logger, remote, "no client credentials");
        }

        var found = await clients.FindClientAsync(credentials.ClientId, cancellationToken);
        if (found is not { } entry)
        {
            _ = UnknownClientHash.Verify(credentials.ClientSecret);
            return RefuseClient(http, logger, remote, "unknown client");
        }

        if (!entry.Secret.Verify(credentials.ClientSecret))
        {
            AuthLog.KnownClientRefused(logger, entry.Client.ClientId, "wrong secret", remote);
            return ClientError(http);
        }

        if (entry.Client.DisabledAt is not null)
        {
            AuthLog.KnownClientRefused(logger, entry.Client.ClientId, "client disabled", remote);
            return ClientError(http);
        }

        var granted = entry.Client.Roles;
        if (Single(form["scope"]) is { } requested)
        {
            var narrowed = ClientRole.None;
            foreach (var name in requested.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!RoleNames.TryParse(name, out var role) || !entry.Client.Roles.HasFlag(role))
                {
                    AuthLog.KnownClientRefused(logger, entry.Client.ClientId, "scope not held", remote);
                    return Error(StatusCodes.Status400BadRequest, "invalid_scope", "The requested scope names a role the client does not hold.");
                }

                narrowed |= role;
            }

            granted = narrowed;
        }

        var token = issuer.Issue(entry.Client, granted);
        AuthLog.TokenIssued(logger, token.TokenId, entry.Client.ClientId, entry.Client.OrganisationId, token.Scope);
        return TypedResults.Json(new TokenResponse(token.AccessToken, "Bearer", token.ExpiresIn, token.Scope), statusCode: StatusCodes.Status200OK);
    }

    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    private static JsonHttpResult<TokenErrorResponse> Refuse(ILogger logger, string remote, string error, string reason, string description)
    {
        AuthLog.TokenRefused(logger, error, reason, remote);
        return Error(StatusCodes.Status400BadRequest, error, description);
    }

    private static JsonHttpResult<TokenErrorResponse> RefuseClient(HttpContext http, ILogger logger, string remote, string reason)
    {
        AuthLog.TokenRefused(logger, "invalid_client", reason, remote);
        return ClientError(http);
    }

    // One answer for unknown client, wrong secret and disabled client, so callers cannot tell which ids exist.
    // RFC 6749 section 5.2 requires the challenge after Basic; RFC 9110 requires one on every 401.
    private static JsonHttpResult<TokenErrorResponse> ClientError(HttpContext http)
    {
        // Counted per address and minute (a security event), so guessing secrets cannot grow any log per attempt.
        http.RequestServices.GetRequiredService<SecurityEventTally>().Count(
            SecurityEventKind.ClientAuthenticationFailed,
            SecurityEventTally.AddressPartition(http.Connection.RemoteIpAddress),
            null,
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"concordat\", charset=\"UTF-8\"";
        return Error(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed.");
    }

    private static JsonHttpResult<TokenErrorResponse> Error(int status, string error, string description) =>
        TypedResults.Json(new TokenErrorResponse(error, description), statusCode: status);
}
