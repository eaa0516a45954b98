using Concordat.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Concordat.Server.Federation;

/// <summary>Writes the federation listener's refusals as RFC 9457 problems with a stable <c>code</c>.</summary>
internal static class FederationProblems
{
    public static Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = ReasonPhrases.GetReasonPhrase(status),
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        }).AsTask();
    }

    public static Task WriteAsync(HttpContext context, Error error) =>
        WriteAsync(context, Api.ApiProblems.StatusOf(error.Kind), error.Code, error.Message);
}
