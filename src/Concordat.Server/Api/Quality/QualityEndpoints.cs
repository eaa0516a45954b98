using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Quality;
using Concordat.Server.Api.Datasets;
using Concordat.Server.Auth;
using Concordat.Server.Hosting;

namespace Concordat.Server.Api.Quality;

/// <summary>
/// Quality profiles and rules. Full profiles (with top values and failing examples) and rules are for an admin or
/// a steward of the owning organisation; anyone else gets 404. The quality summary and the data package carry only
/// aggregate figures and are open to any client that may list datasets.
/// </summary>
public static class QualityEndpoints
{
    /// <summary>The largest rule file accepted, in bytes.</summary>
    public const int MaxRulesBytes = 256 * 1024;

    private const int DefaultProfileLimit = 20;

    /// <summary>Maps the quality endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapQualityEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/datasets/{id}").WithTags("Quality");
        group.MapPost("/profiles", ProfileAsync)
            .RequireAuthorization(AuthPolicies.Steward)
            .WithName("CreateProfile")
            .WithSummary("Profile the dataset now and evaluate its rules; the profile is stored")
            .Produces<QualityProfile>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/profiles", ListAsync)
            .RequireAuthorization(AuthPolicies.Steward)
            .WithName("ListProfiles")
            .WithSummary("The dataset's stored profiles, newest first (one per ingest run and per request)")
            .Produces<IReadOnlyList<QualityProfile>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/profiles/{profileId:long}", GetAsync)
            .RequireAuthorization(AuthPolicies.Steward)
            .WithName("GetProfile")
            .WithSummary("One stored profile; format=html gives the self-contained HTML report")
            .Produces<QualityProfile>()
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/rules", GetRulesAsync)
            .RequireAuthorization(AuthPolicies.Steward)
            .WithName("GetQualityRules")
            .WithSummary("The dataset's rule file")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/rules", PutRulesAsync)
            .RequireAuthorization(AuthPolicies.Steward)
            .WithName("PutQualityRules")
            .WithSummary("Replace the dataset's rule file; every problem is reported with its line, and nothing changes unless all rules are sound")
            .WithRequestBodyLimit(MaxRulesBytes)
            .Produces<JsonObject>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/quality", SummaryAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("GetQualitySummary")
            .WithSummary("The dataset's latest quality figures (scores, completeness, validity); no values")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/datapackage", DataPackageAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("GetDataPackage")
            .WithSummary("Frictionless Data Package descriptor: the Table Schema with the latest quality figures")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ProfileAsync(string id, ClaimsPrincipal user, ICatalogueStore catalogue, QualityService quality, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        var profile = await quality.ProfileAsync(id, ProfileTrigger.OnDemand, null, cancellationToken);
        return profile.IsSuccess
            ? TypedResults.Created($"/api/v1/datasets/{Uri.EscapeDataString(id)}/profiles/{profile.Value.Id.ToString(CultureInfo.InvariantCulture)}", profile.Value)
            : ApiProblems.From(profile.Errors);
    }

    private static async Task<IResult> ListAsync(string id, int? limit, ClaimsPrincipal user, ICatalogueStore catalogue, IQualityStore store, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        var pageSize = Paging.Limit(limit, DefaultProfileLimit);
        if (!pageSize.IsSuccess)
        {
            return ApiProblems.From(pageSize.Errors);
        }

        return TypedResults.Ok(await store.ListProfilesAsync(id, pageSize.Value, cancellationToken));
    }

    private static async Task<IResult> GetAsync(string id, long profileId, string? format, ClaimsPrincipal user, ICatalogueStore catalogue, IQualityStore store, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        if (format is not null && format is not ("json" or "html"))
        {
            return ApiProblems.From(Error.Validation("request.invalid_format", "format must be json or html.", "format"));
        }

        var profile = await store.GetProfileAsync(id, profileId, cancellationToken);
        if (profile is null)
        {
            return ApiProblems.From(Error.NotFound("profile.not_found", $"Dataset '{id}' has no profile {profileId.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (format == "html")
        {
            var history = await store.ListProfilesAsync(id, 100, cancellationToken);
            return Results.Content(ProfileHtmlReport.Render(profile, history), "text/html; charset=utf-8");
        }

        return TypedResults.Ok(profile);
    }

    private static async Task<IResult> GetRulesAsync(string id, ClaimsPrincipal user, ICatalogueStore catalogue, QualityService quality, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        var rules = await quality.GetRulesAsync(id, cancellationToken);
        return rules.IsSuccess
            ? Results.Content(rules.Value.SourceJson, "application/json; charset=utf-8")
            : ApiProblems.From(rules.Errors);
    }

    private static async Task<IResult> PutRulesAsync(string id, HttpRequest request, ClaimsPrincipal user, ICatalogueStore catalogue, QualityService quality, CancellationToken cancellationToken)
    {
        var dataset = await DatasetAccess.FindManagedAsync(catalogue, id, CallerContext.From(user), cancellationToken);
        if (!dataset.IsSuccess)
        {
            return ApiProblems.From(dataset.Errors);
        }

        // Read as text, not bound as JSON: the rule file's own line numbers are what the errors name.
        string body;
        using (var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try
            {
                body = await reader.ReadToEndAsync(cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                return ApiProblems.From(Error.Validation("quality.rules_not_utf8", "The rule file must be UTF-8 text."));
            }
        }

        if (ApiJson.Check(body) is { } notStrict)
        {
            return ApiProblems.From(notStrict);
        }

        var rules = await quality.PutRulesAsync(id, body, cancellationToken);
        return rules.IsSuccess
            ? Results.Content(rules.Value.SourceJson, "application/json; charset=utf-8")
            : ApiProblems.From(rules.Errors);
    }

    private static async Task<IResult> SummaryAsync(string id, ICatalogueStore catalogue, IQualityStore store, CancellationToken cancellationToken)
    {
        if (await catalogue.GetDatasetAsync(id, cancellationToken) is null)
        {
            return ApiProblems.From(DatasetAccess.NotFound(id));
        }

        var latest = await store.ListProfilesAsync(id, 1, cancellationToken);
        return latest.Count == 0
            ? ApiProblems.From(Error.NotFound("profile.not_found", $"Dataset '{id}' has not been profiled yet."))
            : TypedResults.Ok(QualityMetadata.Summary(latest[0]));
    }

    private static async Task<IResult> DataPackageAsync(string id, ICatalogueStore catalogue, IQualityStore store, CancellationToken cancellationToken)
    {
        var dataset = await catalogue.GetDatasetAsync(id, cancellationToken);
        if (dataset is null)
        {
            return ApiProblems.From(DatasetAccess.NotFound(id));
        }

        var latest = await store.ListProfilesAsync(id, 1, cancellationToken);
        return TypedResults.Ok(QualityMetadata.DataPackage(dataset, latest.Count == 0 ? null : latest[0]));
    }
}
