using Microsoft.Net.Http.Headers;

namespace Concordat.Server.Hosting;

/// <summary>
/// Adds security headers to every response, including error responses written after the pipeline cleared the
/// response: no MIME sniffing, no framing, no referrer, a deny-all content security policy for the API and a self-only one for portal pages, and no
/// caching of API responses unless an endpoint says otherwise.
/// </summary>
internal sealed class SecurityHeadersMiddleware
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string ReferencePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    // Portal pages load only the hub's own stylesheet, scripts, fonts and images; no inline script or style.
    private const string PortalPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

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

        string[] machinePaths = ["/api", "/oauth2", "/.well-known", "/openapi", "/health", "/federation"];
        return machinePaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) ? ApiPolicy : PortalPolicy;
    }
}
