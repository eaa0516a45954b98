using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Core.Quality;
using Concordat.Server.Hosting;

namespace Concordat.Server.Api.Catalogue;

/// <summary>
/// <c>/api/v1/catalogue</c>: the DCAT catalogue as JSON-LD. Public by design, like a public register: it describes
/// what datasets exist, who publishes them and how to ask for access, never their records.
/// </summary>
public static class CatalogueEndpoints
{
    /// <summary>The JSON-LD media type.</summary>
    public const string JsonLd = "application/ld+json";

    /// <summary>Maps the catalogue endpoint under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapCatalogueEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/catalogue", GetAsync)
            .AllowAnonymous()
            .WithTags("Catalogue")
            .WithName("GetCatalogue")
            .WithSummary("The public DCAT catalogue of datasets (JSON-LD); metadata only")
            .Produces(StatusCodes.Status200OK, contentType: JsonLd);
        return api;
    }

    private static async Task<IResult> GetAsync(ICatalogueStore catalogue, IIngestStore ingest, IQualityStore quality, PublicAddress address, CancellationToken cancellationToken)
    {
        var organisations = await catalogue.ListOrganisationsAsync(cancellationToken);
        var datasets = await catalogue.ListDatasetsAsync(null, cancellationToken);
        var baseUri = address.Base;
        var changes = await DcatCatalogue.DataChangesAsync(ingest, datasets, cancellationToken);
        var document = DcatCatalogue.Build(organisations, datasets, baseUri, "Concordat data catalogue", changes);
        QualityMetadata.AddToDcat(document, await quality.LatestProfilesAsync(cancellationToken), baseUri);
        return Results.Content(document.ToJsonString(), JsonLd + "; charset=utf-8");
    }
}
