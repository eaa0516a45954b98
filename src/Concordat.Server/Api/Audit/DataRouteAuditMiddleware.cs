using Concordat.Core.Audit;
using Concordat.Server.Auth;
using Concordat.Server.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// Keeps the promise that every request reaching a data route (<see cref="AuditedRouteMetadata"/>) with a valid token
/// gets exactly one audit entry, before its answer. It sits after authentication and the rate limiter and before
/// authorization, the body limit and the endpoint, so it sees every refusal those make: when the response is about to
/// start and nothing has audited the request, it appends the entry itself, denied with the problem's code
/// (<c>request.invalid_json</c>, <c>request.unknown_property</c>, <c>request.unsupported_media_type</c>,
/// <c>request.too_large</c>, <c>auth.forbidden</c>, <c>server.error</c>...). If that append fails the response fails
/// too; a response that is already a 5xx (the request's own entry could not be written) keeps its problem. Requests without a valid token, and rate-limited ones, are not entries: they are counted as security events.
/// </summary>
internal sealed class DataRouteAuditMiddleware
{
    private const string ProblemCodeKey = "concordat.problem-code";
    private readonly RequestDelegate _next;

    public DataRouteAuditMiddleware(RequestDelegate next) => _next = next;

    /// <summary>Remembers the code of a problem being written, for the fallback entry. Called as every problem is built.</summary>
    public static void RememberProblem(HttpContext http, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Extensions.TryGetValue("code", out var code) && code is string text)
        {
            http.Items[ProblemCodeKey] = text;
        }
    }

    public async Task InvokeAsync(HttpContext http, AuditedRoutes routes, TimeProvider time)
    {
        var route = routes.Find(http);
        if (route is null || http.User.Identity?.IsAuthenticated != true)
        {
            await _next(http);
            return;
        }

        // Resolved only for data routes, so a request elsewhere never needs the log.
        var log = http.RequestServices.GetRequiredService<IAuditLog>();
        var count = RequestAuditCount.Begin();
        var fallback = new Fallback(http, route, log, time, count);
        http.Response.OnStarting(static state => ((Fallback)state).EnsureAsync(), fallback);
        // An exception goes on to the exception handler, whose problem response starts the response and so the fallback.
        await _next(http);
        // A response without a body (204) starts only after the pipeline returns: its status is final here.
        if (!http.Response.HasStarted)
        {
            await fallback.EnsureAsync();
        }
    }

    private sealed class Fallback(HttpContext http, AuditedRouteMetadata route, IAuditLog log, TimeProvider time, RequestAuditCount count)
    {
        private int _done;

        public async Task EnsureAsync()
        {
            if (count.Count > 0 || Interlocked.Exchange(ref _done, 1) == 1)
            {
                return;
            }

            var caller = CallerContext.From(http.User);
            var status = http.Response.StatusCode;
            var denied = status >= StatusCodes.Status400BadRequest;
            var code = http.Items.TryGetValue(ProblemCodeKey, out var remembered) && remembered is string text ? text : DefaultCode(status);
            try
            {
                await AppendAsync(caller, denied, code);
            }
            catch (AuditLogException) when (status >= StatusCodes.Status500InternalServerError)
            {
                // The answer already fails and carries nothing (typically because the request's own entry could not be
                // written, so this one cannot be either). Throwing here would only swap its problem for an empty 500.
            }
        }

        private async Task AppendAsync(CallerContext caller, bool denied, string code)
        {
            await log.AppendAsync(new AuditEntry
            {
                Time = time.GetUtcNow(),
                ClientId = caller.ClientId,
                OrganisationId = caller.OrganisationId,
                Purpose = string.Empty,
                Action = route.Action,
                DatasetId = route.DatasetRouteValue is { } name && http.Request.RouteValues.TryGetValue(name, out var dataset) ? dataset as string : null,
                Outcome = denied ? AuditOutcome.Denied : AuditOutcome.Permitted,
                ReasonCode = denied ? code : null,
                TraceId = TraceIds.Of(http),
            }, CancellationToken.None);
        }

        private static string DefaultCode(int status) => status switch
        {
            StatusCodes.Status401Unauthorized => "auth.unauthenticated",
            StatusCodes.Status403Forbidden => "auth.forbidden",
            StatusCodes.Status404NotFound => "route.not_found",
            StatusCodes.Status413PayloadTooLarge => "request.too_large",
            StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
            >= StatusCodes.Status500InternalServerError => "server.error",
            _ => "request.invalid",
        };
    }
}
