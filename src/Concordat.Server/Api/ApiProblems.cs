using Concordat.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace Concordat.Server.Api;

/// <summary>
/// The one place expected failures (<see cref="Error"/>) become RFC 9457 problem responses: validation 400 with an
/// <c>errors</c> extension, not found 404, forbidden 403, conflict 409, unavailable 503. Every problem carries the first error's
/// <c>code</c>.
/// </summary>
public static class ApiProblems
{
    /// <summary>The HTTP status of an error kind.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A problem response for one error.</summary>
    public static IResult From(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return From([error]);
    }

    /// <summary>A problem response for errors; the first decides the status, and validation lists them all.</summary>
    public static IResult From(IReadOnlyList<Error> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A problem needs at least one error.", nameof(errors));
        }

        var (status, detail, extensions) = Describe(errors);
        return TypedResults.Problem(detail: detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), extensions: extensions);
    }

    /// <summary>The status, detail and extensions (<c>code</c>, and <c>errors</c> for validation) of the problem for <paramref name="errors"/>.</summary>
    public static (int Status, string Detail, Dictionary<string, object?> Extensions) Describe(IReadOnlyList<Error> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A problem needs at least one error.", nameof(errors));
        }

        var first = errors[0];
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = first.Code };
        string detail;
        if (first.Kind == ErrorKind.Validation)
        {
            var validation = errors.Where(e => e.Kind == ErrorKind.Validation).ToList();
            extensions["errors"] = validation.Select(e => new ProblemError(e.Code, e.Message, e.Target)).ToList();
            detail = validation.Count == 1 ? first.Message : $"The request has {validation.Count} problems; see errors.";
        }
        else
        {
            detail = first.Message;
        }

        return (StatusOf(first.Kind), detail, extensions);
    }

    /// <summary>A problem response with a status that no <see cref="ErrorKind"/> covers (412, 428, 413, 429...).</summary>
    public static IResult Status(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code });
}
