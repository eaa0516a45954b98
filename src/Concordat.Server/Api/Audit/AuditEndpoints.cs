using System.Globalization;
using Concordat.Core;
using Concordat.Core.Audit;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// <c>/api/v1/audit</c>: checkpoints, entries, proofs and the export, for administrators (and, once the role exists,
/// data protection officers); the public key is anonymous at <c>/.well-known/audit-key.json</c>.
/// </summary>
public static class AuditEndpoints
{
    /// <summary>Where the public key is published.</summary>
    public const string KeyPath = "/.well-known/audit-key.json";

    private const int DefaultLimit = 100;
    private const string LockedCode = "audit.log_locked";

    /// <summary>Maps the audit endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(AuthPolicies.AuditReader);
        group.MapGet("/checkpoints", ListCheckpointsAsync).WithName("ListAuditCheckpoints")
            .WithSummary("Signed checkpoints, smallest tree first; page with after=treeSize").Produces<Page<CheckpointResponse>>();
        group.MapGet("/checkpoints/latest", LatestAsync).WithName("GetLatestAuditCheckpoint")
            .WithSummary("The newest signed checkpoint").Produces<CheckpointResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/checkpoints", SignAsync).WithName("SignAuditCheckpoint")
            .WithSummary("Sign a checkpoint of the current log now (or return the latest if the log has not grown)").Produces<CheckpointResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/entries/{index:long}", GetEntryAsync).WithName("GetAuditEntry")
            .WithSummary("One audit entry by index").Produces<AuditEntryResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/entries", FindEntriesAsync).WithName("FindAuditEntries")
            .WithSummary("Entries naming a subject key (64 hex digits), in index order; page with after=index").Produces<Page<AuditEntryResponse>>().ProducesValidationProblem();
        group.MapGet("/proofs/inclusion", InclusionAsync).WithName("GetAuditInclusionProof")
            .WithSummary("RFC 9162 inclusion proof of entry index in the signed tree of treeSize entries").Produces<InclusionProofResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/proofs/consistency", ConsistencyAsync).WithName("GetAuditConsistencyProof")
            .WithSummary("RFC 9162 consistency proof between the signed trees of from and to entries (0 < from < to)").Produces<ConsistencyProofResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/export", ExportAsync).WithName("ExportAuditLog")
            .WithSummary("The whole log as NDJSON (concordat-audit-export/1), for `concordat audit verify`").Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson");
        return api;
    }

    /// <summary>Maps the anonymous public key endpoint.</summary>
    public static IEndpointRouteBuilder MapAuditKeyEndpoint(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(KeyPath, (IAuditLog log) => Results.Text(log.PublicKey.ToJwk(), "application/jwk+json"))
            .AllowAnonymous().WithTags("Audit").WithName("GetAuditPublicKey")
            .WithSummary("The audit checkpoint public key (JWK, ES256)");
        return app;
    }

    private static async Task<IResult> ListCheckpointsAsync(long? after, int? limit, IAuditLog log, CancellationToken cancellationToken)
    {
        var pageSize = Paging.Limit(limit, DefaultLimit);
        if (!pageSize.IsSuccess)
        {
            return ApiProblems.From(pageSize.Errors);
        }

        var list = await log.ListCheckpointsAsync(after ?? -1, pageSize.Value + 1, cancellationToken);
        var page = list.Take(pageSize.Value).Select(CheckpointResponse.From).ToList();
        var next = list.Count > pageSize.Value ? N(page[^1].TreeSize) : null;
        return TypedResults.Ok(new Page<CheckpointResponse>(page, next));
    }

    private static async Task<IResult> LatestAsync(IAuditLog log, CancellationToken cancellationToken) =>
        await log.GetLatestCheckpointAsync(cancellationToken) is { } latest
            ? TypedResults.Ok(CheckpointResponse.From(latest))
            : ApiProblems.From(Error.NotFound("audit.no_checkpoint", "No checkpoint has been signed yet."));

    private static async Task<IResult> SignAsync(IAuditLog log, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(CheckpointResponse.From(await log.CheckpointAsync(cancellationToken)));
        }
        catch (AuditLogException ex)
        {
            return log.Failure is { } failure
                ? ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, LockedCode, failure.Message)
                : ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "audit.checkpoint_unavailable", ex.Message);
        }
    }

    // A locked log is a state an operator must clear, not a fault of the request: 503 with the report (administrators only).
    private static IResult Problem(IReadOnlyList<Error> errors) =>
        errors[0].Code == LockedCode ? ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, LockedCode, errors[0].Message) : ApiProblems.From(errors);

    private static async Task<IResult> GetEntryAsync(long index, IAuditLog log, CancellationToken cancellationToken) =>
        await log.GetEntryAsync(index, cancellationToken) is { } entry
            ? TypedResults.Ok(AuditEntryResponse.From(entry))
            : ApiProblems.From(Error.NotFound("audit.entry_not_found", $"No audit entry {N(index)}."));

    private static async Task<IResult> FindEntriesAsync(string? subjectKey, long? after, int? limit, IAuditLog log, CancellationToken cancellationToken)
    {
        if (!SubjectKey.TryParse(subjectKey, out var key))
        {
            return ApiProblems.From(Error.Validation("audit.invalid_subject_key", "subjectKey must be 64 hex digits.", "subjectKey"));
        }

        var pageSize = Paging.Limit(limit, DefaultLimit);
        if (!pageSize.IsSuccess)
        {
            return ApiProblems.From(pageSize.Errors);
        }

        var list = await log.FindBySubjectAsync(key, after ?? -1, pageSize.Value + 1, cancellationToken);
        var page = list.Take(pageSize.Value).Select(AuditEntryResponse.From).ToList();
        var next = list.Count > pageSize.Value ? N(page[^1].Index) : null;
        return TypedResults.Ok(new Page<AuditEntryResponse>(page, next));
    }

    private static async Task<IResult> InclusionAsync(long? index, long? treeSize, IAuditLog log, CancellationToken cancellationToken)
    {
        if (index is null || treeSize is null)
        {
            return ApiProblems.From(Error.Validation("audit.proof_parameters", "index and treeSize are required.", index is null ? "index" : "treeSize"));
        }

        var proof = await log.GetInclusionProofAsync(index.Value, treeSize.Value, cancellationToken);
        return proof.IsSuccess ? TypedResults.Ok(InclusionProofResponse.Of(proof.Value)) : Problem(proof.Errors);
    }

    private static async Task<IResult> ConsistencyAsync(long? from, long? to, IAuditLog log, CancellationToken cancellationToken)
    {
        if (from is null || to is null)
        {
            return ApiProblems.From(Error.Validation("audit.proof_parameters", "from and to are required.", from is null ? "from" : "to"));
        }

        var proof = await log.GetConsistencyProofAsync(from.Value, to.Value, cancellationToken);
        return proof.IsSuccess ? TypedResults.Ok(ConsistencyProofResponse.Of(proof.Value)) : Problem(proof.Errors);
    }

    private static async Task ExportAsync(HttpContext http, IAuditLog log, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.ndjson\"";
        await AuditExporter.WriteAsync(log, http.Response.Body, cancellationToken);
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
