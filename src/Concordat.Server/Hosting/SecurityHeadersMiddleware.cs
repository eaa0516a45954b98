using Microsoft.Net.Http.Headers;

namespace Concordat.Server.Hosting;

/// <summary>
/// Adds security headers to every response, including error responses written after the pipeline cleared the
/// response: no MIME sniffing, no framing, no referrer, a deny-all content security policy for the API, and no
/// caching of API responses unless an endpoint says otherwise.
/// </summary>
internal sealed class SecurityHeadersMiddleware
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string ReferencePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

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
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase) ? ReferencePolicy : ApiPolicy;
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
}
