using Concordat.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Server.Portal.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Citizen.DemoIdentity;

/// <summary>
/// A demonstration OpenID provider inside the hub, for trying the citizen view without GOV.UK One Login and the staff
/// portal without a department's provider: the authorization code flow with PKCE (S256 only) for two registered
/// clients (the citizen and the staff relying parties, each on when its own demo setting is), a page where the tester
/// picks a demo citizen or a demo member of staff, ID tokens signed ES256 with the provider's own sealed key, a
/// discovery document and a JWKS. Anyone can sign in as anyone it lists, so it is served only when a demo setting is on.
/// </summary>
internal static class DemoIdentityEndpoints
{
    public const string Prefix = "/demo-idp";

    private static readonly TimeSpan IdTokenLifetime = TimeSpan.FromMinutes(5);
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static IEndpointRouteBuilder MapDemoIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/.well-known/openid-configuration", Discovery);
        group.MapGet("/jwks", Jwks);
        group.MapGet("/authorize", Authorize);
        group.MapPost("/authorize", ChooseAsync).WithRequestBodyLimit(Auth.TokenEndpoints.MaxTokenRequestBytes);
        group.MapPost("/token", TokenAsync).WithRequestBodyLimit(Auth.TokenEndpoints.MaxTokenRequestBytes);
        return endpoints;
    }

    /// <summary>A relying party the demo provider serves.</summary>
    private sealed record DemoClient(string ClientId, string CallbackPath, bool IsStaff, string ClientAuthentication);

    private static List<DemoClient> Clients(HttpContext http)
    {
        var hub = http.RequestServices.GetRequiredService<IOptions<ConcordatOptions>>().Value;
        var citizen = http.RequestServices.GetRequiredService<IOptions<CitizenOptions>>().Value;
        var staff = http.RequestServices.GetRequiredService<IOptions<Staff.StaffOptions>>().Value;
        var clients = new List<DemoClient>(2);
        if (CitizenServiceCollectionExtensions.DemoProviderOn(citizen, hub))
        {
            clients.Add(new DemoClient(citizen.ClientId, CitizenSchemes.CallbackPath, false, citizen.ClientAuthentication));
        }

        if (Staff.StaffServiceCollectionExtensions.DemoProviderOn(staff, hub))
        {
            clients.Add(new DemoClient(staff.ClientId, Staff.StaffSchemes.CallbackPath, true, staff.ClientAuthentication));
        }

        return clients;
    }

    private static DemoClient? ClientOf(HttpContext http, string? clientId) =>
        Clients(http).FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));

    private static string RedirectUriFor(HttpRequest request, DemoClient client) =>
        DemoIdentityConfiguration.BaseFor(request) + client.CallbackPath;

    private static (DemoAuthorizeRequest? Request, string? Error, DemoClient? Client) Parse(HttpContext http, Func<string, string?> get)
    {
        // An unknown client id gets the same answer as before: the parser reports it against the citizen client.
        var client = ClientOf(http, get("client_id")) ?? Clients(http).FirstOrDefault() ?? new DemoClient("", CitizenSchemes.CallbackPath, false, "none");
        var (request, error) = DemoAuthorizeRequest.Parse(get, client.ClientId, RedirectUriFor(http.Request, client));
        return (request, error, client);
    }

    private static IResult Discovery(HttpContext http)
    {
        var issuer = DemoIdentityConfiguration.IssuerFor(http.Request);
        var document = new JsonObject
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = issuer + "/authorize",
            ["token_endpoint"] = issuer + "/token",
            ["jwks_uri"] = issuer + "/jwks",
            ["response_types_supported"] = new JsonArray("code"),
            ["response_modes_supported"] = new JsonArray("query"),
            ["grant_types_supported"] = new JsonArray("authorization_code"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("ES256"),
            ["scopes_supported"] = new JsonArray("openid"),
            ["claims_supported"] = new JsonArray("sub", "name", "nino", "org", "roles"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("none", "private_key_jwt"),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
        };
        return Results.Content(document.ToJsonString(), "application/json; charset=utf-8");
    }

    private static IResult Jwks(DemoIdentitySigningKey key) =>
        Results.Content(new JsonObject { ["keys"] = new JsonArray(key.Key.PublicJwk()) }.ToJsonString(), "application/json; charset=utf-8");

    private static RazorComponentResult<DemoSignInPage> Authorize(HttpContext http, IAntiforgery antiforgery)
    {
        var query = http.Request.Query;
        var (request, error, client) = Parse(http, name => query[name].ToString() is { Length: > 0 } v ? v : null);
        return Page(http, antiforgery, request, error, false, client!.IsStaff);
    }

    private static async Task<IResult> ChooseAsync(HttpContext http, IAntiforgery antiforgery, DemoAuthorizationCodes codes)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.BadRequest();
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Page(http, antiforgery, null, "The form had expired or was not sent from this page. Go back to the service and start again.", false, false);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (request, error, client) = Parse(http, name => form[name].ToString() is { Length: > 0 } v ? v : null);
        if (request is null)
        {
            return Page(http, antiforgery, null, error, false, client!.IsStaff);
        }

        var subject = client!.IsStaff ? Staff.DemoStaffMember.Find(form["member"].ToString())?.Subject : DemoCitizen.Find(form["citizen"].ToString())?.Subject;
        if (subject is null)
        {
            return Page(http, antiforgery, request, null, true, client.IsStaff);
        }

        var code = codes.Issue(request.ClientId, request.RedirectUri, request.CodeChallenge, request.Nonce, subject);
        var location = $"{request.RedirectUri}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(request.State)}";
        return Results.Redirect(location);
    }

    private static RazorComponentResult<DemoSignInPage> Page(HttpContext http, IAntiforgery antiforgery, DemoAuthorizeRequest? request, string? error, bool noChoice, bool staff)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new RazorComponentResult<DemoSignInPage>(new Dictionary<string, object?>
        {
            [nameof(DemoSignInPage.Staff)] = staff,
            [nameof(DemoSignInPage.Parameters)] = request?.Parameters,
            [nameof(DemoSignInPage.RequestError)] = error,
            [nameof(DemoSignInPage.NoChoice)] = noChoice,
            [nameof(DemoSignInPage.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(DemoSignInPage.AntiforgeryToken)] = tokens.RequestToken,
        })
        {
            StatusCode = error is not null || noChoice ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
        };
    }

    private static async Task<IResult> TokenAsync(HttpContext http, DemoAuthorizationCodes codes, DemoIdentitySigningKey key, IServiceProvider services, TimeProvider time, ILoggerFactory loggers)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        var logger = loggers.CreateLogger("Concordat.Server.Citizen.DemoIdentity");
        if (!http.Request.HasFormContentType)
        {
            return Refuse(logger, "invalid_request", "The token request must be form-urlencoded.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!string.Equals(form["grant_type"].ToString(), "authorization_code", StringComparison.Ordinal))
        {
            return Refuse(logger, "unsupported_grant_type", "Only authorization_code is supported.");
        }

        var client = ClientOf(http, form["client_id"].ToString());
        if (client is null)
        {
            return Refuse(logger, "invalid_client", "The client is not registered with the demo provider.", StatusCodes.Status401Unauthorized);
        }

        // Like GOV.UK One Login, the demo provider can insist on private_key_jwt; an assertion sent is always checked.
        var assertion = form["client_assertion"].ToString();
        if (assertion.Length > 0 || client.ClientAuthentication == "private_key_jwt")
        {
            var endpoint = DemoIdentityConfiguration.IssuerFor(http.Request) + "/token";
            var clientKey = client.IsStaff ? services.GetRequiredService<Staff.StaffClientKey>().Key : services.GetRequiredService<CitizenClientKey>().Key;
            if (!string.Equals(form["client_assertion_type"].ToString(), CitizenClientKey.AssertionType, StringComparison.Ordinal)
                || !await CitizenClientAssertion.IsValidAsync(clientKey, assertion, client.ClientId, endpoint, time.GetUtcNow()))
            {
                return Refuse(logger, "invalid_client", "The client assertion is missing or not valid.", StatusCodes.Status401Unauthorized);
            }
        }

        var issued = codes.Take(form["code"].ToString());
        if (issued is null)
        {
            return Refuse(logger, "invalid_grant", "The code is unknown, used or expired.");
        }

        if (!string.Equals(form["client_id"].ToString(), issued.ClientId, StringComparison.Ordinal)
            || !string.Equals(form["redirect_uri"].ToString(), issued.RedirectUri, StringComparison.Ordinal))
        {
            return Refuse(logger, "invalid_grant", "The code was issued to another client or redirect URI.");
        }

        var verifier = form["code_verifier"].ToString();
        // RFC 7636 section 4.1: 43 to 128 unreserved characters; the challenge is BASE64URL(SHA256(verifier)).
        if (verifier.Length is < 43 or > 128
            || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))),
                Encoding.ASCII.GetBytes(issued.CodeChallenge)))
        {
            return Refuse(logger, "invalid_grant", "The code verifier does not match the code challenge.");
        }

        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["auth_time"] = issued.IssuedAt.ToUnixTimeSeconds(),
            // OIDC Core 3.1.3.6: the left half of the SHA-256 of the access token.
            ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16).ToArray()),
        };
        if (client.IsStaff)
        {
            var member = Staff.DemoStaffMember.Find(issued.Subject)!;
            claims["sub"] = member.Subject;
            claims["name"] = member.Name;
            claims["org"] = member.OrganisationId;
            claims["roles"] = member.Roles.ToArray();
        }
        else
        {
            var citizen = DemoCitizen.Find(issued.Subject)!;
            claims["sub"] = citizen.Subject;
            claims["name"] = citizen.Name;
            claims["nino"] = citizen.Nino;
        }

        if (issued.Nonce is not null)
        {
            claims["nonce"] = issued.Nonce;
        }

        var idToken = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DemoIdentityConfiguration.IssuerFor(http.Request),
            Audience = issued.ClientId,
            IssuedAt = now.UtcDateTime,
            Expires = (now + IdTokenLifetime).UtcDateTime,
            SigningCredentials = key.Key.SigningCredentials,
            Claims = claims,
        });
        var body = new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)IdTokenLifetime.TotalSeconds,
            ["id_token"] = idToken,
        };
        return Results.Content(body.ToJsonString(), "application/json; charset=utf-8");
    }

    private static IResult Refuse(ILogger logger, string error, string description, int status = StatusCodes.Status400BadRequest)
    {
        CitizenLog.TokenRefused(logger, error);
        return Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: status);
    }
}
