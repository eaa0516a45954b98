using System.Security.Claims;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Server.Api.Datasets;
using Concordat.Server.Auth;
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
        return api;
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
            errors.AddRange(Check(parsed.Value, dataset.Value.Schema));
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

    private static List<Error> Check(IngestMapping mapping, DatasetSchema schema)
    {
        var errors = new List<Error>();
        for (var i = 0; i < mapping.Fields.Count; i++)
        {
            var field = mapping.Fields[i];
            if (field is null || schema.Find(field.Field) is null)
            {
                errors.Add(Error.Validation("mapping.unknown_field", $"fields[{i}] names '{field?.Field}', which is not a field of the dataset's schema.", $"fields[{i}].field"));
            }
        }

        // A mapping sent over the API has no directory of its own: a layout file path would name a file on the hub.
        if (mapping.Source.LayoutFile is not null)
        {
            errors.Add(Error.Validation("mapping.layout_file_not_allowed", "source.layoutFile cannot be used through the API; give the layout inline as source.layout.", "source.layoutFile"));
        }

        return errors;
    }
}
