using System.Globalization;
using System.Security.Claims;
using System.Text;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Server.Api.Audit;
using Concordat.Server.Api.Datasets;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Runs;

/// <summary>
/// Ingest runs and their quarantine (read side). Visible to an admin or a steward of the dataset's organisation;
/// anyone else gets 404.
/// </summary>
public static class RunEndpoints
{
    private const int DefaultRunLimit = 50;
    private const int DefaultQuarantineLimit = 100;

    /// <summary>Maps the run endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRunEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/datasets/{id}/runs", ListAsync)
            .RequireAuthorization(AuthPolicies.Steward)
            .WithTags("Runs")
            .WithName("ListRuns")
            .WithSummary("A dataset's ingest runs, newest first")
            .Produces<IReadOnlyList<RunResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/runs/{runId:long}", GetAsync)
            .RequireAuthorization(AuthPolicies.Steward)
            .WithTags("Runs")
            .WithName("GetRun")
            .WithSummary("An ingest run")
            .Produces<RunResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/runs/{runId:long}/quarantine", GetQuarantineAsync)
            .RequireAuthorization(AuthPolicies.Steward)
            .Audited("quarantine-read")
            .WithTags("Runs")
            .WithName("GetQuarantine")
            .WithSummary("A run's quarantined rows, paged by row number; format=csv exports them as CSV")
            .Produces<Page<QuarantinedRowResponse>>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(string id, int? limit, ClaimsPrincipal user, ICatalogueStore catalogue, IIngestStore ingest, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        var pageSize = Paging.Limit(limit, DefaultRunLimit);
        if (!pageSize.IsSuccess)
        {
            return ApiProblems.From(pageSize.Errors);
        }

        var runs = await ingest.ListRunsAsync(id, pageSize.Value, cancellationToken);
        return TypedResults.Ok(runs.Select(RunResponse.From).ToList());
    }

    private static async Task<IResult> GetAsync(long runId, ClaimsPrincipal user, ICatalogueStore catalogue, IIngestStore ingest, CancellationToken cancellationToken)
    {
        var run = await FindRunAsync(runId, CallerContext.From(user), catalogue, ingest, cancellationToken);
        return run.IsSuccess ? TypedResults.Ok(RunResponse.From(run.Value)) : ApiProblems.From(run.Errors);
    }

    private static async Task<IResult> GetQuarantineAsync(long runId, long? after, int? limit, string? format, HttpContext http, ClaimsPrincipal user, ICatalogueStore catalogue, IIngestStore ingest, CancellationToken cancellationToken)
    {
        var run = await FindRunAsync(runId, CallerContext.From(user), catalogue, ingest, cancellationToken);
        if (!run.IsSuccess)
        {
            return ApiProblems.From(run.Errors);
        }

        if (after < 0)
        {
            return ApiProblems.From(Error.Validation("request.invalid_after", "after must be a row number, 0 or more.", "after"));
        }

        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            if (limit is < 1)
            {
                return ApiProblems.From(Error.Validation("request.invalid_limit", "limit must be at least 1.", "limit"));
            }

            await WriteCsvAsync(http, ingest, runId, after ?? 0, limit ?? int.MaxValue, cancellationToken);
            return Results.Empty;
        }

        if (format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.From(Error.Validation("request.invalid_format", "format must be json or csv.", "format"));
        }

        var pageSize = Paging.Limit(limit, DefaultQuarantineLimit);
        if (!pageSize.IsSuccess)
        {
            return ApiProblems.From(pageSize.Errors);
        }

        var rows = await ingest.GetQuarantineAsync(runId, after ?? 0, pageSize.Value + 1, cancellationToken);
        var page = rows.Take(pageSize.Value).Select(QuarantinedRowResponse.From).ToList();
        var next = rows.Count > pageSize.Value ? page[^1].RowNumber.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<QuarantinedRowResponse>(page, next));
    }

    private static async Task WriteCsvAsync(HttpContext http, IIngestStore ingest, long runId, long after, int limit, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"run-{runId.ToString(CultureInfo.InvariantCulture)}-quarantine.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
        writer.NewLine = "\r\n";
        await QuarantineCsv.WriteAsync(writer, () => QuarantineCsv.ReadAsync(ingest, runId, after, limit, Paging.MaxLimit, cancellationToken), cancellationToken);
    }

    private static async Task<Result<IngestRun>> FindRunAsync(long runId, CallerContext caller, ICatalogueStore catalogue, IIngestStore ingest, CancellationToken cancellationToken)
    {
        var notFound = Error.NotFound("run.not_found", $"No run {runId.ToString(CultureInfo.InvariantCulture)}.");
        var run = await ingest.GetRunAsync(runId, cancellationToken);
        if (run is null)
        {
            return notFound;
        }

        var dataset = await catalogue.GetDatasetAsync(run.DatasetId, cancellationToken);
        return dataset is not null && caller.CanManage(dataset.OrganisationId) ? run : notFound;
    }
}
