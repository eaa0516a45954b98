namespace Concordat.Core.Catalogue;

/// <summary>
/// Persistence of the catalogue: organisations, datasets with their schema history, and registered sources.
/// Implementations are thread safe; every method is a single atomic operation.
/// </summary>
public interface ICatalogueStore
{
    /// <summary>Registers an organisation; conflict when the id is taken.</summary>
    Task<Result<Organisation>> CreateOrganisationAsync(Organisation organisation, CancellationToken cancellationToken);

    /// <summary>Finds an organisation by id.</summary>
    Task<Organisation?> GetOrganisationAsync(string id, CancellationToken cancellationToken);

    /// <summary>All organisations ordered by id.</summary>
    Task<IReadOnlyList<Organisation>> ListOrganisationsAsync(CancellationToken cancellationToken);

    /// <summary>Registers a dataset at schema version 1; conflict when the id is taken, not found when the organisation is unknown.</summary>
    Task<Result<Dataset>> CreateDatasetAsync(Dataset dataset, CancellationToken cancellationToken);

    /// <summary>Replaces a dataset's schema, incrementing its schema version and keeping the previous one.</summary>
    /// <param name="id">The dataset.</param>
    /// <param name="schema">The new schema.</param>
    /// <param name="expectedVersion">The schema version the caller saw; conflict if it has moved on (optimistic concurrency).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<Dataset>> UpdateSchemaAsync(string id, DatasetSchema schema, int expectedVersion, CancellationToken cancellationToken);

    /// <summary>Finds a dataset by id.</summary>
    Task<Dataset?> GetDatasetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Datasets ordered by id, optionally of one organisation.</summary>
    Task<IReadOnlyList<Dataset>> ListDatasetsAsync(string? organisationId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a named source (mapping) of a dataset.</summary>
    Task<Result<SourceDefinition>> PutSourceAsync(SourceDefinition source, CancellationToken cancellationToken);

    /// <summary>Finds a named source of a dataset.</summary>
    Task<SourceDefinition?> GetSourceAsync(string datasetId, string name, CancellationToken cancellationToken);

    /// <summary>The sources of a dataset ordered by name.</summary>
    Task<IReadOnlyList<SourceDefinition>> ListSourcesAsync(string datasetId, CancellationToken cancellationToken);
}
