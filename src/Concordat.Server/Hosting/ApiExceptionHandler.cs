using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Concordat.Server.Hosting;

/// <summary>
/// Turns exceptions into problem responses. Requests the framework could not read (bad JSON, unknown properties,
/// bad parameters, bodies over the limit) keep their 4xx status with a safe explanation; anything else is a 500 with
/// a generic message and the trace id, never the exception's text.
/// </summary>
internal sealed partial class ApiExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<ApiExceptionHandler> _logger;

    public ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger)
    {
        _problems = problems;
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var traceId = TraceIds.Of(httpContext);
        // The exception handler clears the endpoint before handlers run; the feature keeps the one that failed.
        var route = RequestLabel.Route(httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint());
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            var (code, detail) = Describe(bad);
            ServerLog.BadRequest(_logger, bad.StatusCode, httpContext.Request.Method, route, code, traceId);
            problem = new ProblemDetails { Status = bad.StatusCode, Detail = detail, Extensions = { ["code"] = code } };
            if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                problem.Title = ReasonPhrases.GetReasonPhrase(StatusCodes.Status413PayloadTooLarge);
            }
        }
        else
        {
            ServerLog.UnhandledException(_logger, exception, httpContext.Request.Method, route, traceId);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = ReasonPhrases.GetReasonPhrase(StatusCodes.Status500InternalServerError),
                Detail = "The hub could not complete the request. Quote the traceId when reporting this.",
                Extensions = { ["code"] = "server.error" },
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await _problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    private static (string Code, string Detail) Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("request.too_large", "The request body is larger than this endpoint accepts.");
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("request.unsupported_media_type", "Send the request body as application/json.");
        }

        if (bad.InnerException is JsonException json)
        {
            if (UnmappedProperty().Match(json.Message) is { Success: true } match && match.Groups[1].Value.Length <= 100)
            {
                return ("request.unknown_property", $"The request body has a property this endpoint does not accept: '{match.Groups[1].Value}'.");
            }

            if (json.Message.StartsWith("Duplicate propert", StringComparison.Ordinal))
            {
                return ("request.duplicate_property", "The request body names a property twice; send each property once.");
            }

            var where = string.IsNullOrEmpty(json.Path) ? string.Empty : $" at {json.Path}";
            return ("request.invalid_json", $"The request body is not strict JSON for this endpoint{where}: no comments, trailing commas or other extensions.");
        }

        return bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? ("request.invalid_body", "The request body is missing or could not be read.")
            : ("request.invalid_parameter", "A route or query parameter has a value of the wrong type.");
    }

    [GeneratedRegex("^The JSON property '([^']*)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex UnmappedProperty();
}
