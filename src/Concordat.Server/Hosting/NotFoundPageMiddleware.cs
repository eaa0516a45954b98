using Concordat.Server.Portal.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Concordat.Server.Hosting;

/// <summary>
/// Answers a request that matched no endpoint (or only routing's rejection of its method) outside the machine paths
/// (<c>/api</c>, <c>/oauth2</c>, ...) with 404 before authentication can turn it into a 401: the GOV.UK "Page not
/// found" page for a browser (HTML accepted), and a <c>route.not_found</c> problem otherwise. Machine paths keep their behaviour: a problem response, 401 without a token.
/// </summary>
internal sealed class NotFoundPageMiddleware
{
    private readonly RequestDelegate _next;

    public NotFoundPageMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Routing answers a page asked for with a method it does not take (a GET of a form's POST address) with a
        // rejection endpoint of its own, which authorization would then turn into a 401: to a person that is a page
        // that is not there.
        if (context.GetEndpoint() is RouteEndpoint || SecurityHeadersMiddleware.IsMachinePath(context.Request.Path))
        {
            return _next(context);
        }

        if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) && AcceptsHtml(context.Request))
        {
            return new RazorComponentResult<NotFoundPage> { StatusCode = StatusCodes.Status404NotFound }.ExecuteAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            detail: "There is nothing at this address.",
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = "route.not_found" }).ExecuteAsync(context);
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
}
