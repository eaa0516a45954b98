using System.Security.Claims;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Server.Api.Datasets;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Records;

/// <summary>
/// <c>/api/v1/datasets/{id}/records</c>: the current records of a dataset and their history. Deny by default: only an
/// admin or a steward of the owning organisation reads records here; consumers will get data only through
/// agreements. Anyone else gets 404.
/// </summary>
public static class RecordEndpoints
{
    private const int DefaultLimit = 100;

    /// <summary>Maps the record endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRecordEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/datasets/{id}/records").WithTags("Records").RequireAuthorization(AuthPolicies.Steward);
        group.MapGet("", ListAsync)
            .WithName("ListRecords")
            .WithSummary("Current records in key order, paged: pass next as after")
            .Produces<Page<RecordResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{key}", GetAsync)
            .WithName("GetRecord")
            .WithSummary("The current version of a record")
            .Produces<RecordResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{key}/history", GetHistoryAsync)
            .WithName("GetRecordHistory")
            .WithSummary("Every version of a record, oldest first, tombstones included")
            .Produces<IReadOnlyList<RecordResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(string id, string? after, int? limit, ClaimsPrincipal user, ICatalogueStore catalogue, IIngestStore ingest, CancellationToken cancellationToken)
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

        var records = await ingest.ListRecordsAsync(id, after, pageSize.Value + 1, cancellationToken);
        var page = records.Take(pageSize.Value).Select(RecordResponse.From).ToList();
        var next = records.Count > pageSize.Value ? page[^1].Key : null;
        return TypedResults.Ok(new Page<RecordResponse>(page, next));
    }

    private static async Task<IResult> GetAsync(string id, string key, ClaimsPrincipal user, ICatalogueStore catalogue, IIngestStore ingest, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        var record = await ingest.GetRecordAsync(id, key, cancellationToken);
        if (record is null)
        {
            return ApiProblems.From(NotFound(id));
        }

        return record.IsDeleted
            ? ApiProblems.From(Error.NotFound("record.deleted", "The record was deleted; its history is still available."))
            : TypedResults.Ok(RecordResponse.From(record));
    }

    private static async Task<IResult> GetHistoryAsync(string id, string key, ClaimsPrincipal user, ICatalogueStore catalogue, IIngestStore ingest, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        var history = await ingest.GetHistoryAsync(id, key, cancellationToken);
        return history.Count == 0
            ? ApiProblems.From(NotFound(id))
            : TypedResults.Ok(history.Select(RecordResponse.From).ToList());
    }

    // The key is not echoed: it can be a personal identifier such as a NINO.
    private static Error NotFound(string datasetId) => Error.NotFound("record.not_found", $"Dataset '{datasetId}' has no record with that key.");
}
