using System.Security.Claims;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Core.Audit;
using Concordat.Server.Api.Audit;
using Concordat.Server.Api.Datasets;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Records;

/// <summary>
/// <c>/api/v1/datasets/{id}/records</c>: the current records of a dataset and their history. Deny by default: only an
/// admin or a steward of the owning organisation reads records here; consumers will get data only through
/// agreements. Anyone else gets 404. A record key is often a personal identifier (a NINO), so it never travels in a URL:
/// single records are looked up with the key in a POST body, and list pages continue from an opaque cursor.
/// </summary>
public static class RecordEndpoints
{
    /// <summary>The longest record key a look-up accepts, in characters.</summary>
    public const int MaxKeyLength = 1024;

    private const int DefaultLimit = 100;

    // Records are people's data: every read is an audit entry naming the dataset (a refused one is recorded by the
    // data-route middleware with its problem's code).
    private const string ListAction = "record-list";
    private const string ReadAction = "record-read";
    private const string HistoryAction = "record-history";

    /// <summary>Maps the record endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRecordEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/datasets/{id}/records").WithTags("Records").RequireAuthorization(AuthPolicies.Steward);
        group.MapGet("", ListAsync)
            .WithName("ListRecords")
            .Audited(ListAction, "id")
            .WithSummary("Current records in key order, paged: pass next as after (an opaque cursor)")
            .Produces<Page<RecordResponse>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/lookup", GetAsync)
            .WithName("LookUpRecord")
            .Audited(ReadAction, "id")
            .WithSummary("The current version of the record whose key is in the body")
            .Accepts<RecordKeyRequest>("application/json")
            .Produces<RecordResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/history", GetHistoryAsync)
            .WithName("GetRecordHistory")
            .Audited(HistoryAction, "id")
            .WithSummary("Every version of the record whose key is in the body, oldest first, tombstones included")
            .Accepts<RecordKeyRequest>("application/json")
            .Produces<IReadOnlyList<RecordResponse>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(
        string id, string? after, int? limit, HttpContext http, ClaimsPrincipal user, ICatalogueStore catalogue, IRecordStore ingest, RecordCursor cursor, AuditTrail trail,
        CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        var pageSize = Paging.Limit(limit, DefaultLimit);
        if (!pageSize.IsSuccess)
        {
            return ApiProblems.From(pageSize.Errors);
        }

        string? afterKey = null;
        if (!string.IsNullOrEmpty(after) && (afterKey = cursor.Unprotect(id, after)) is null)
        {
            return ApiProblems.From(Error.Validation("request.invalid_cursor", "after must be the next value of an earlier page of this dataset's records.", "after"));
        }

        var records = await ingest.ListRecordsAsync(id, afterKey, pageSize.Value + 1, cancellationToken);
        var page = records.Take(pageSize.Value).Select(RecordResponse.From).ToList();
        var next = records.Count > pageSize.Value ? cursor.Protect(id, page[^1].Key) : null;
        await RecordReadAsync(http, user, trail, ListAction, id, cancellationToken);
        return TypedResults.Ok(new Page<RecordResponse>(page, next));
    }

    private static async Task<IResult> GetAsync(
        string id, RecordKeyRequest body, HttpContext http, ClaimsPrincipal user, ICatalogueStore catalogue, IRecordStore ingest, AuditTrail trail, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        if (KeyOf(body) is not { } key)
        {
            return ApiProblems.From(KeyRequired());
        }

        var record = await ingest.GetRecordAsync(id, key, cancellationToken);
        if (record is null)
        {
            return ApiProblems.From(NotFound(id));
        }

        if (record.IsDeleted)
        {
            return ApiProblems.From(Error.NotFound("record.deleted", "The record was deleted; its history is still available."));
        }

        await RecordReadAsync(http, user, trail, ReadAction, id, cancellationToken);
        return TypedResults.Ok(RecordResponse.From(record));
    }

    private static async Task<IResult> GetHistoryAsync(
        string id, RecordKeyRequest body, HttpContext http, ClaimsPrincipal user, ICatalogueStore catalogue, IRecordStore ingest, AuditTrail trail, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        if (KeyOf(body) is not { } key)
        {
            return ApiProblems.From(KeyRequired());
        }

        var history = await ingest.GetHistoryAsync(id, key, cancellationToken);
        if (history.Count == 0)
        {
            return ApiProblems.From(NotFound(id));
        }

        await RecordReadAsync(http, user, trail, HistoryAction, id, cancellationToken);
        return TypedResults.Ok(history.Select(RecordResponse.From).ToList());
    }

    private static Task<AuditReceipt> RecordReadAsync(HttpContext http, ClaimsPrincipal user, AuditTrail trail, string action, string datasetId, CancellationToken cancellationToken) =>
        trail.RecordAsync(http, CallerContext.From(user), new AuditAccess(action, string.Empty, null, datasetId, [], AuditOutcome.Permitted, null, []), cancellationToken);

    private static string? KeyOf(RecordKeyRequest? body) =>
        body?.Key is { Length: > 0 and <= MaxKeyLength } key ? key : null;

    private static Error KeyRequired() => Error.Validation("request.required", $"key is required: the record key, at most {MaxKeyLength} characters.", "key");

    // The key is not echoed: it can be a personal identifier such as a NINO.
    private static Error NotFound(string datasetId) => Error.NotFound("record.not_found", $"Dataset '{datasetId}' has no record with that key.");
}
