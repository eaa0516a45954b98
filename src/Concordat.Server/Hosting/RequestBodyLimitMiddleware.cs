using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Hosting;

/// <summary>
/// Applies each endpoint's request body limit: a declared length over the limit is refused with 413 before any of the
/// body is read, and the server enforces the same limit on bodies without a length (chunked).
/// </summary>
internal sealed class RequestBodyLimitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ConcordatOptions _options;

    public RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ConcordatOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _next = next;
        _options = options.Value;
    }

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimitMetadata>();
        var limit = metadata is null ? _options.MaxRequestBodyBytes : metadata.MaxBytes ?? _options.MaxIngestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = ReasonPhrases.GetReasonPhrase(StatusCodes.Status413PayloadTooLarge),
                    Detail = $"The request body is larger than this endpoint accepts ({limit} bytes).",
                    Extensions = { ["code"] = "request.too_large", ["limitBytes"] = limit },
                },
            });
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await _next(context);
    }
}
