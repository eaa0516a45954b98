using System.Security.Claims;
using System.Text.Json.Nodes;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Server.Auth;
using Microsoft.AspNetCore.Mvc;

namespace Concordat.Server.Api.Datasets;

/// <summary>
/// <c>/api/v1/datasets</c>: dataset metadata and schemas. Metadata is catalogue information every client may read;
/// writes need an admin or a steward of the owning organisation (403 otherwise, since the dataset itself is visible).
/// </summary>
public static class DatasetEndpoints
{
    private const string SchemaMediaType = "application/json";

    /// <summary>Maps the dataset endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapDatasetEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/datasets").WithTags("Datasets");
        group.MapGet("", ListAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("ListDatasets")
            .WithSummary("List datasets, optionally of one organisation")
            .Produces<IReadOnlyList<DatasetResponse>>();
        group.MapPost("", CreateAsync)
            .RequireAuthorization(AuthPolicies.Steward)
            .WithName("CreateDataset")
            .WithSummary("Register a dataset (a steward of the owning organisation, or an admin)")
            .Produces<DatasetResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("GetDataset")
            .WithSummary("Get a dataset with its schema; the ETag is the schema version")
            .Produces<DatasetResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/schema", GetSchemaAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("GetDatasetSchema")
            .WithSummary("Get a dataset's schema as Frictionless Table Schema JSON; the ETag is the schema version")
            .Produces<JsonObject>(StatusCodes.Status200OK, SchemaMediaType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}/schema", PutSchemaAsync)
            .RequireAuthorization(AuthPolicies.Steward)
            .WithName("PutDatasetSchema")
            .WithSummary("Replace a dataset's schema; send If-Match with the current ETag")
            .Accepts<JsonObject>(SchemaMediaType)
            .Produces<JsonObject>(StatusCodes.Status200OK, SchemaMediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return api;
    }

    private static async Task<IResult> ListAsync(string? organisationId, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var datasets = await catalogue.ListDatasetsAsync(organisationId, cancellationToken);
        return TypedResults.Ok(datasets.Select(d => DatasetResponse.From(d, includeSchema: false)).ToList());
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var dataset = await catalogue.GetDatasetAsync(id, cancellationToken);
        if (dataset is null)
        {
            return ApiProblems.From(DatasetAccess.NotFound(id));
        }

        http.Response.Headers.ETag = EntityTags.Of(dataset.SchemaVersion);
        return TypedResults.Ok(DatasetResponse.From(dataset, includeSchema: true));
    }

    private static async Task<IResult> GetSchemaAsync(string id, HttpContext http, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var dataset = await catalogue.GetDatasetAsync(id, cancellationToken);
        if (dataset is null)
        {
            return ApiProblems.From(DatasetAccess.NotFound(id));
        }

        http.Response.Headers.ETag = EntityTags.Of(dataset.SchemaVersion);
        if (EntityTags.NoneMatchHits(http.Request.Headers.IfNoneMatch, dataset.SchemaVersion))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return SchemaResult(dataset.Schema);
    }

    private static async Task<IResult> CreateAsync(CreateDatasetRequest request, ClaimsPrincipal user, ICatalogueStore catalogue, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(user);
        var errors = new List<Error>();
        RequestChecks.Slug(errors, request.Id, "id");
        RequestChecks.Slug(errors, request.OrganisationId, "organisationId");
        RequestChecks.Required(errors, request.Title, "title", 200);
        RequestChecks.Optional(errors, request.Description, "description", 4000);
        var keywords = request.Keywords ?? [];
        if (keywords.Count > 50)
        {
            errors.Add(Error.Validation("request.too_many_keywords", "keywords may hold at most 50 entries.", "keywords"));
        }

        for (var i = 0; i < keywords.Count; i++)
        {
            RequestChecks.Required(errors, keywords[i], $"keywords[{i}]", 100);
        }

        DatasetSchema? schema = null;
        if (request.Schema is null)
        {
            errors.Add(Error.Validation("request.required", "schema is required.", "schema"));
        }
        else
        {
            var parsed = TableSchemaJson.Parse(request.Schema);
            if (parsed.IsSuccess)
            {
                schema = parsed.Value;
            }
            else
            {
                errors.AddRange(parsed.Errors.Select(e => e with { Target = e.Target is null ? "schema" : "schema." + e.Target }));
            }
        }

        if (errors.Count > 0)
        {
            return ApiProblems.From(errors);
        }

        if (!caller.CanManage(request.OrganisationId))
        {
            return ApiProblems.From(Error.Forbidden("dataset.forbidden_organisation", "You may only register datasets for your own organisation."));
        }

        if (await catalogue.GetOrganisationAsync(request.OrganisationId, cancellationToken) is null)
        {
            return ApiProblems.From(Error.Validation("organisation.unknown", $"No organisation '{request.OrganisationId}'.", "organisationId"));
        }

        var now = time.GetUtcNow();
        var dataset = new Dataset(request.Id, request.OrganisationId, request.Title.Trim(), schema!)
        {
            Description = request.Description,
            Keywords = keywords.Select(k => k.Trim()).ToList(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var created = await catalogue.CreateDatasetAsync(dataset, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/v1/datasets/{created.Value.Id}", DatasetResponse.From(created.Value, includeSchema: true))
            : ApiProblems.From(created.Errors);
    }

    private static async Task<IResult> PutSchemaAsync(string id, [FromBody] JsonObject body, HttpContext http, ClaimsPrincipal user, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(user);
        var dataset = await catalogue.GetDatasetAsync(id, cancellationToken);
        if (dataset is null)
        {
            return ApiProblems.From(DatasetAccess.NotFound(id));
        }

        if (!caller.CanManage(dataset.OrganisationId))
        {
            return ApiProblems.From(Error.Forbidden("dataset.forbidden", "Only a steward of the owning organisation may change this dataset."));
        }

        var ifMatch = http.Request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return ApiProblems.Status(StatusCodes.Status428PreconditionRequired, "dataset.if_match_required", "Send If-Match with the schema's current ETag so concurrent changes are not lost.");
        }

        if (!EntityTags.Matches(ifMatch, dataset.SchemaVersion))
        {
            return StaleSchema(http, dataset.SchemaVersion);
        }

        var parsed = TableSchemaJson.Parse(body);
        if (!parsed.IsSuccess)
        {
            return ApiProblems.From(parsed.Errors);
        }

        var updated = await catalogue.UpdateSchemaAsync(id, parsed.Value, dataset.SchemaVersion, cancellationToken);
        if (!updated.IsSuccess)
        {
            // Another writer got in between our read and our update.
            if (updated.Errors[0].Kind == ErrorKind.Conflict)
            {
                var current = await catalogue.GetDatasetAsync(id, cancellationToken);
                return StaleSchema(http, current?.SchemaVersion ?? dataset.SchemaVersion);
            }

            return ApiProblems.From(updated.Errors);
        }

        http.Response.Headers.ETag = EntityTags.Of(updated.Value.SchemaVersion);
        return SchemaResult(updated.Value.Schema);
    }

    private static IResult StaleSchema(HttpContext http, int currentVersion)
    {
        http.Response.Headers.ETag = EntityTags.Of(currentVersion);
        return ApiProblems.Status(StatusCodes.Status412PreconditionFailed, "dataset.schema_version_conflict", $"The schema has changed: it is at version {currentVersion}. Reload it and try again.");
    }

    private static IResult SchemaResult(DatasetSchema schema) =>
        Results.Content(TableSchemaJson.ToJson(schema).ToJsonString(), SchemaMediaType + "; charset=utf-8");
}
