using System.Text.Json.Nodes;
using Concordat.Core.Catalogue;

namespace Concordat.Server.Api.Datasets;

/// <summary>A dataset as the API shows it.</summary>
/// <param name="Id">Slug id.</param>
/// <param name="OrganisationId">The owning organisation.</param>
/// <param name="Title">Human title.</param>
/// <param name="Description">What it holds.</param>
/// <param name="Keywords">Catalogue keywords.</param>
/// <param name="SchemaVersion">The schema version; also the ETag.</param>
/// <param name="CreatedAt">When it was registered (UTC).</param>
/// <param name="UpdatedAt">When it or its schema last changed (UTC).</param>
/// <param name="Schema">The Table Schema; omitted in lists.</param>
public sealed record DatasetResponse(
    string Id,
    string OrganisationId,
    string Title,
    string? Description,
    IReadOnlyList<string> Keywords,
    int SchemaVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    JsonObject? Schema)
{
    /// <summary>Projects a stored dataset, with or without its schema.</summary>
    public static DatasetResponse From(Dataset dataset, bool includeSchema)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new(
            dataset.Id,
            dataset.OrganisationId,
            dataset.Title,
            dataset.Description,
            dataset.Keywords,
            dataset.SchemaVersion,
            dataset.CreatedAt,
            dataset.UpdatedAt,
            includeSchema ? TableSchemaJson.ToJson(dataset.Schema) : null);
    }
}
