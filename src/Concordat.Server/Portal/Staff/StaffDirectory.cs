using Concordat.Core.Catalogue;

namespace Concordat.Server.Portal.Staff;

/// <summary>Names the portal shows instead of ids: organisations and datasets of the catalogue.</summary>
internal static class StaffDirectory
{
    /// <summary>Every organisation's name by id.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> OrganisationNamesAsync(ICatalogueStore catalogue, CancellationToken cancellationToken) =>
        (await catalogue.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);

    /// <summary>Every dataset by id.</summary>
    public static async Task<IReadOnlyDictionary<string, Dataset>> DatasetsAsync(ICatalogueStore catalogue, CancellationToken cancellationToken) =>
        (await catalogue.ListDatasetsAsync(null, cancellationToken)).ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>A page parameter dictionary with the signed-in member in it.</summary>
    public static Dictionary<string, object?> With(StaffUser user) => new(StringComparer.Ordinal) { ["User"] = user };
}
