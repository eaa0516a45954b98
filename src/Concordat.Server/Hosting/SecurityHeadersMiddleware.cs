using Microsoft.Net.Http.Headers;

namespace Concordat.Server.Hosting;

/// <summary>
/// Adds security headers to every response, including error responses written after the pipeline cleared the
/// response: no MIME sniffing, no framing, no referrer, a deny-all content security policy for the API and a self-only one for portal pages, and no
/// caching of API responses unless an endpoint says otherwise; over HTTPS, HTTP Strict Transport Security.
/// </summary>
internal sealed class SecurityHeadersMiddleware
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string ReferencePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    // Portal pages load only the hub's own stylesheet, scripts, fonts and images; no inline script or style.
    private const string PortalPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

    /// <summary>The Strict-Transport-Security value sent on HTTPS responses: one year, in seconds.</summary>
    public const string HstsValue = "max-age=31536000";

    private static readonly string[] MachinePaths = ["/api", "/oauth2", "/.well-known", "/openapi", "/health", "/federation"];
    private readonly RequestDelegate _next;

    public SecurityHeadersMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = PolicyFor(http.Request.Path);
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (http.Request.IsHttps)
            {
                // RFC 6797: only over a secure transport (a browser ignores it over http, and it must not pin a plain-http
                // development hub). One year, the value GOV.UK services use; subdomains are left to their own services.
                headers.StrictTransportSecurity = HstsValue;
            }
            if (!headers.ContainsKey(HeaderNames.CacheControl))
            {
                headers.CacheControl = "no-store";
            }

            headers.Remove(HeaderNames.Server);
            return Task.CompletedTask;
        }, context);
        return _next(context);
    }

    private static string PolicyFor(PathString path)
    {
        if (path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase))
        {
            return ReferencePolicy;
        }

        return IsMachinePath(path) ? ApiPolicy : PortalPolicy;
    }

    /// <summary>True for the paths machines call (the API, tokens, keys, OpenAPI, health), as opposed to portal pages.</summary>
    public static bool IsMachinePath(PathString path) =>
        MachinePaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
