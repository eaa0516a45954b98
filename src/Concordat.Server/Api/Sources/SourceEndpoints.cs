using System.Security.Claims;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Server.Api.Datasets;
using Concordat.Server.Api.Runs;
using Concordat.Server.Auth;
using Concordat.Server.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;

namespace Concordat.Server.Api.Sources;

/// <summary>
/// <c>/api/v1/datasets/{id}/sources</c>: named legacy sources and their mappings. Only an admin or a steward of the
/// owning organisation sees them; anyone else gets 404.
/// </summary>
public static class SourceEndpoints
{
    /// <summary>Maps the source endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapSourceEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/datasets/{id}/sources").WithTags("Sources").RequireAuthorization(AuthPolicies.Steward);
        group.MapGet("", ListAsync)
            .WithName("ListSources")
            .WithSummary("List a dataset's sources")
            .Produces<IReadOnlyList<SourceResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{name}", GetAsync)
            .WithName("GetSource")
            .WithSummary("Get a source and its mapping")
            .Produces<SourceResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{name}", PutAsync)
            .WithName("PutSource")
            .WithSummary("Create or replace a source's mapping (mapping file JSON)")
            .Accepts<IngestMapping>("application/json")
            .Produces<SourceResponse>()
            .Produces<SourceResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{name}/runs", IngestAsync)
            .WithName("IngestSource")
            .WithSummary("Load a file through this source's mapping; the body is the file as it is")
            .WithDescription("The upload is spooled to disk first, so a slow client never holds the store's write lock. The run is atomic: 201 with the run when it committed, 422 with the failed run's reason when the source could not be read (nothing changed).")
            // No Accepts metadata: it makes routing answer 415 before authorization runs, and any media type
            // is acceptable here because the source's mapping, not the header, says how to read the bytes.
            .WithIngestBodyLimit()
            .Produces<RunResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> IngestAsync(
        string id,
        string name,
        HttpRequest request,
        ClaimsPrincipal user,
        ICatalogueStore catalogue,
        IngestService ingest,
        IOptions<ConcordatOptions> options,
        CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(user);
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, caller, cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        var source = await catalogue.GetSourceAsync(id, name, cancellationToken);
        if (source is null)
        {
            return ApiProblems.From(Error.NotFound("source.not_found", $"Dataset '{id}' has no source '{name}'."));
        }

        // A SQL source names an environment variable on the hub; only the operator's CLI may read one.
        if (source.Mapping.Source.Format == SourceFormat.Sql)
        {
            return ApiProblems.From(Error.Validation("ingest.sql_not_over_http", "SQL sources are loaded by the hub's operator with `concordat ingest`, not over HTTP."));
        }

        var uploads = Path.Combine(options.Value.DataDirectoryPath, "uploads");
        Directory.CreateDirectory(uploads);
        var spool = Path.Combine(uploads, Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await request.Body.CopyToAsync(file, cancellationToken);
            }

            var content = new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var result = await ingest.IngestAsync(new IngestRequest(id, name, source.Mapping, caller.ClientId) { Content = content }, cancellationToken);
            if (!result.IsSuccess)
            {
                return ApiProblems.From(result.Errors);
            }

            var run = result.Value;
            return run.Status == IngestRunStatus.Succeeded
                ? TypedResults.Created($"/api/v1/runs/{run.Id}", RunResponse.From(run))
                : ApiProblems.Status(StatusCodes.Status422UnprocessableEntity, "ingest.run_failed", $"Run {run.Id} failed and changed nothing: {run.Error}");
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private static async Task<IResult> ListAsync(string id, ClaimsPrincipal user, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        var sources = await catalogue.ListSourcesAsync(id, cancellationToken);
        return TypedResults.Ok(sources.Select(SourceResponse.From).ToList());
    }

    private static async Task<IResult> GetAsync(string id, string name, ClaimsPrincipal user, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        var source = await catalogue.GetSourceAsync(id, name, cancellationToken);
        return source is null
            ? ApiProblems.From(Error.NotFound("source.not_found", $"Dataset '{id}' has no source '{name}'."))
            : TypedResults.Ok(SourceResponse.From(source));
    }

    private static async Task<IResult> PutAsync(string id, string name, [FromBody] JsonElement body, ClaimsPrincipal user, ICatalogueStore catalogue, TimeProvider time, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        var errors = new List<Error>();
        RequestChecks.Slug(errors, name, "name");
        var parsed = MappingJson.Parse(body.GetRawText());
        if (!parsed.IsSuccess)
        {
            errors.AddRange(parsed.Errors);
        }
        else
        {
            errors.AddRange(Check(parsed.Value, dataset.Value));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.From(errors);
        }

        var existed = await catalogue.GetSourceAsync(id, name, cancellationToken) is not null;
        var stored = await catalogue.PutSourceAsync(new SourceDefinition(id, name, parsed.Value, time.GetUtcNow()), cancellationToken);
        if (!stored.IsSuccess)
        {
            return ApiProblems.From(stored.Errors);
        }

        var response = SourceResponse.From(stored.Value);
        return existed
            ? TypedResults.Ok(response)
            : TypedResults.Created($"/api/v1/datasets/{id}/sources/{name}", response);
    }

    private static List<Error> Check(IngestMapping mapping, Dataset dataset)
    {
        var errors = new List<Error>();
        // A mapping sent over the API has no directory of its own: a layout file path would name a file on the hub.
        if (mapping.Source.LayoutFile is not null)
        {
            errors.Add(Error.Validation("mapping.layout_file_not_allowed", "source.layoutFile cannot be used through the API; give the layout inline as source.layout.", "source.layoutFile"));
        }

        // The same check the ingest itself makes, so a mapping accepted here cannot fail later for its shape.
        errors.AddRange(IngestService.CheckMapping(dataset, mapping));
        return errors;
    }
}
