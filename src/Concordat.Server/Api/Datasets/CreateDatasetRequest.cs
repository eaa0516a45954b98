using System.Text.Json.Nodes;

namespace Concordat.Server.Api.Datasets;

/// <summary>Registers a dataset.</summary>
/// <param name="Id">Slug id, unique across the hub, e.g. <c>hmrc-taxpayers</c>.</param>
/// <param name="OrganisationId">The owning organisation; a steward may only name their own.</param>
/// <param name="Title">Human title.</param>
/// <param name="Description">What the dataset holds and why.</param>
/// <param name="Keywords">Catalogue keywords.</param>
/// <param name="Schema">The schema as a Frictionless Table Schema object, with Concordat's field properties.</param>
public sealed record CreateDatasetRequest(
    string Id,
    string OrganisationId,
    string Title,
    string? Description,
    IReadOnlyList<string>? Keywords,
    JsonObject Schema);
