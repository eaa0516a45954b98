using System.Globalization;
using System.Security.Claims;
using Concordat.Core;
using Concordat.Core.Audit;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// <c>/api/v1/audit</c>: checkpoints, entries, proofs and the export. Administrators read everything; a data
/// protection officer reads the entries about their organisation's data (<see cref="AuditReadScope"/>, decided in
/// Core); an entry outside the caller's scope answers 404 like a missing one. The public key is anonymous at
/// <c>/.well-known/audit-key.json</c>.
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
        group.MapGet("/checkpoints/witnessed", Witnessed).WithName("GetWitnessedAuditCheckpoint")
            .WithSummary("The newest checkpoint cosigned by a quorum of the federation's witnesses, as a signed note (c2sp.org/tlog-checkpoint with tlog-cosignature lines)")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain").ProducesProblem(StatusCodes.Status404NotFound);
        // Signing is the operator's act (it costs a signature and moves the anchor); a DPO reads checkpoints, never forces one.
        group.MapPost("/checkpoints", SignAsync).WithName("SignAuditCheckpoint").RequireAuthorization(AuthPolicies.Admin)
            .WithSummary("Sign a checkpoint of the current log now (or return the latest if the log has not grown); administrators only").Produces<CheckpointResponse>()
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
        group.MapGet("/security-events", SecurityEventsAsync).WithName("ListSecurityEvents")
            .WithSummary("Refused requests that never became accesses (no valid token, failed client authentication, rate limited), counted per caller and minute; page with after=")
            .Produces<Page<SecurityEventResponse>>().ProducesValidationProblem();
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

    private static IResult Witnessed(Concordat.Storage.Federation.WitnessedCheckpointFile witnessed) =>
        witnessed.Read() is { } note
            ? TypedResults.Text(note, "text/plain; charset=utf-8")
            : ApiProblems.From(Error.NotFound("audit.no_witnessed_checkpoint", "No checkpoint of this log has been cosigned by a quorum of witnesses yet (or this hub is no federation node)."));

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

    private static async Task<IResult> GetEntryAsync(long index, ClaimsPrincipal user, AuditReader reader, CancellationToken cancellationToken) =>
        await reader.GetEntryAsync(Scope(user), index, cancellationToken) is { } entry
            ? TypedResults.Ok(AuditEntryResponse.From(entry))
            : EntryNotFound(index);

    private static async Task<IResult> FindEntriesAsync(string? subjectKey, long? after, int? limit, ClaimsPrincipal user, AuditReader reader, CancellationToken cancellationToken)
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

        var (items, next) = await reader.FindBySubjectAsync(Scope(user), key, after ?? -1, pageSize.Value, cancellationToken);
        return TypedResults.Ok(new Page<AuditEntryResponse>(items.Select(AuditEntryResponse.From).ToList(), next is { } n ? N(n) : null));
    }

    private static async Task<IResult> InclusionAsync(long? index, long? treeSize, ClaimsPrincipal user, IAuditLog log, AuditReader reader, CancellationToken cancellationToken)
    {
        if (index is null || treeSize is null)
        {
            return ApiProblems.From(Error.Validation("audit.proof_parameters", "index and treeSize are required.", index is null ? "index" : "treeSize"));
        }

        // The proof carries the entry's leaf hash, so it follows the entry's scope.
        var scope = Scope(user);
        if (!scope.SeesEverything && index.Value >= 0 && await reader.GetEntryAsync(scope, index.Value, cancellationToken) is null)
        {
            return EntryNotFound(index.Value);
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

    private static async Task<IResult> SecurityEventsAsync(
        DateTimeOffset? from, DateTimeOffset? to, long? after, int? limit, ClaimsPrincipal user, ISecurityEventStore store, SecurityEventFlushService flusher, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var pageSize = Paging.Limit(limit, DefaultLimit);
        if (!pageSize.IsSuccess)
        {
            return ApiProblems.From(pageSize.Errors);
        }

        // What is still counted in memory, the current minute included, is written first (the store adds counts up, so
        // the rest of the minute adds to it later): a read sees every refusal up to now.
        await flusher.FlushAsync(includeCurrent: true, cancellationToken);
        var scope = Scope(user);
        var end = to ?? time.GetUtcNow();
        var list = await store.ListAsync(from ?? end.AddDays(-1), end, scope.SeesEverything ? null : scope.OrganisationId, after ?? 0, pageSize.Value + 1, cancellationToken);
        var page = list.Take(pageSize.Value).ToList();
        var next = list.Count > pageSize.Value ? N(page[^1].Id) : null;
        return TypedResults.Ok(new Page<SecurityEventResponse>(page.Select(e => SecurityEventResponse.From(e.Event)).ToList(), next));
    }

    private static async Task ExportAsync(HttpContext http, ClaimsPrincipal user, IAuditLog log, CancellationToken cancellationToken)
    {
        if (!Scope(user).MayExportWholeLog)
        {
            await ApiProblems.Status(StatusCodes.Status403Forbidden, "audit.export_forbidden",
                "The whole log holds every organisation's entries; only an administrator may export it. Read your organisation's entries and their inclusion proofs instead.")
                .ExecuteAsync(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.ndjson\"";
        await AuditExporter.WriteAsync(log, http.Response.Body, cancellationToken);
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    // The route's policy admits administrators and data protection officers only, so every caller here has a scope.
    private static AuditReadScope Scope(ClaimsPrincipal user)
    {
        var caller = CallerContext.From(user);
        return AuditReadScope.For(caller.OrganisationId, caller.Roles) ?? throw new InvalidOperationException("An audit route admitted a caller with no audit scope.");
    }

    private static IResult EntryNotFound(long index) => ApiProblems.From(Error.NotFound("audit.entry_not_found", $"No audit entry {N(index)}."));
}
