using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Api.Register;
using Concordat.Server.Portal.Pages;
using Concordat.Server.Portal.Register;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Server.Portal;

/// <summary>The public portal pages (GOV.UK Design System), server-rendered HTML with no sign-in.</summary>
internal static class PortalEndpoints
{
    /// <summary>Maps the portal's pages and assets.</summary>
    public static IEndpointRouteBuilder MapPortalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPortalAssets();
        var portal = endpoints.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        portal.MapGet("/", () => new RazorComponentResult<HomePage>());
        portal.MapGet("/accessibility", () => new RazorComponentResult<AccessibilityPage>());
        portal.MapGet("/catalogue", CatalogueAsync);
        portal.MapRegisterPages();
        return endpoints;
    }

    private static async Task<RazorComponentResult<CataloguePage>> CatalogueAsync(ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var organisations = await catalogue.ListOrganisationsAsync(cancellationToken);
        var datasets = await catalogue.ListDatasetsAsync(null, cancellationToken);
        return new RazorComponentResult<CataloguePage>(new Dictionary<string, object?>
        {
            [nameof(CataloguePage.Datasets)] = datasets.OrderBy(d => d.Title, StringComparer.CurrentCulture).ToList(),
            [nameof(CataloguePage.Publishers)] = organisations.ToDictionary(o => o.Id, StringComparer.Ordinal),
        });
    }
}
