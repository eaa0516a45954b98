using System.Globalization;
using Concordat.Core.Federation;

namespace Concordat.Server.Federation;

/// <summary>
/// The witness's submission endpoint on the federation listener, <c>POST /federation/v1/witness/add-checkpoint</c>
/// (c2sp.org/tlog-witness; the submission prefix is <c>&lt;node URL&gt;federation/v1/witness</c>). Its answers are the
/// specification's: 200 with the cosignature line, 409 <c>text/x.tlog.size</c> with the size held, 400, 403, 404 and
/// 422, the refusals as problem documents with a stable <c>code</c>.
/// </summary>
internal static class WitnessEndpoints
{
    /// <summary>Largest request accepted: 63 proof lines and a checkpoint with many signatures fit well within it.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The submission path under the federation prefix.</summary>
    public const string AddCheckpointPath = "/witness/add-checkpoint";

    /// <summary>The content type of a 409 answer's body (c2sp.org/tlog-witness).</summary>
    public const string SizeContentType = "text/x.tlog.size";

    public static void Map(RouteGroupBuilder federation) =>
        federation.MapPost(AddCheckpointPath, AddCheckpointAsync);

    private static async Task AddCheckpointAsync(HttpContext http, FederationCaller caller, WitnessService witness, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            await FederationProblems.WriteAsync(http, StatusCodes.Status400BadRequest, "witness.request_too_large", $"An add-checkpoint request is at most {MaxBodyBytes} bytes.");
            return;
        }

        var answer = await witness.AddCheckpointAsync(body, caller.OrganisationId, cancellationToken);
        var verdict = answer.Verdict;
        switch (verdict.Outcome)
        {
            case WitnessOutcome.Cosign:
                http.Response.StatusCode = StatusCodes.Status200OK;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(answer.Cosignature!, cancellationToken);
                break;
            case WitnessOutcome.Conflict:
                http.Response.StatusCode = StatusCodes.Status409Conflict;
                http.Response.ContentType = SizeContentType;
                await http.Response.WriteAsync(verdict.HeldSize.ToString(CultureInfo.InvariantCulture) + "\n", cancellationToken);
                break;
            default:
                var (status, code) = verdict.Outcome switch
                {
                    WitnessOutcome.BadRequest => (StatusCodes.Status400BadRequest, "witness.request_malformed"),
                    WitnessOutcome.BadSignature => (StatusCodes.Status403Forbidden, "witness.bad_signature"),
                    WitnessOutcome.UnknownLog => (StatusCodes.Status404NotFound, "witness.unknown_log"),
                    WitnessOutcome.RootConflict => (StatusCodes.Status409Conflict, "witness.root_conflict"),
                    _ => (StatusCodes.Status422UnprocessableEntity, "witness.inconsistent_proof"),
                };
                await FederationProblems.WriteAsync(http, status, code, verdict.Detail);
                break;
        }
    }

    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
