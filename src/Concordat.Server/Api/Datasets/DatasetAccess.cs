using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Datasets;

/// <summary>Finds datasets for callers, answering not found for those the caller may not see.</summary>
internal static class DatasetAccess
{
    /// <summary>A dataset whose contents (sources, runs, records) the caller may read: an admin, or a steward of its organisation.</summary>
    public static async Task<Result<Dataset>> FindManagedAsync(ICatalogueStore catalogue, string id, CallerContext caller, CancellationToken cancellationToken)
    {
        var dataset = await catalogue.GetDatasetAsync(id, cancellationToken);
        return dataset is not null && caller.CanManage(dataset.OrganisationId)
            ? dataset
            : NotFound(id);
    }

    /// <summary>The not-found error for a dataset, the same whether it is missing or hidden.</summary>
    public static Error NotFound(string id) => Error.NotFound("dataset.not_found", $"No dataset '{id}'.");
}
