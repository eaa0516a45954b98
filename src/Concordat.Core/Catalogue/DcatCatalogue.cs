using System.Globalization;
using System.Text.Json.Nodes;
using Concordat.Core.Ingestion;

namespace Concordat.Core.Catalogue;

/// <summary>
/// Builds the catalogue as DCAT v3 JSON-LD, following the CDDO UK Cross-Government Metadata Exchange Model
/// (dcat:Catalog of dcat:Dataset, each served by a dcat:DataService, with dct:publisher an organisation).
/// Personal data is never published in full: access rights say so and point at the agreement route.
/// </summary>
public static class DcatCatalogue
{
    /// <summary>Builds the JSON-LD document.</summary>
    /// <param name="organisations">Publishers.</param>
    /// <param name="datasets">Datasets to describe.</param>
    /// <param name="baseUri">The hub's public base address, used to mint identifiers.</param>
    /// <param name="title">Catalogue title.</param>
    /// <param name="dataChanged">When each dataset's records last changed (see <see cref="DataChangesAsync"/>); <c>dct:modified</c> is the later of that and its last schema change.</param>
    public static JsonObject Build(IReadOnlyList<Organisation> organisations, IReadOnlyList<Dataset> datasets, Uri baseUri, string title, IReadOnlyDictionary<string, DateTimeOffset>? dataChanged = null)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(baseUri);
        var root = baseUri.ToString().TrimEnd('/');
        var byId = organisations.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var items = new JsonArray();
        foreach (var dataset in datasets)
        {
            var modified = dataChanged is not null && dataChanged.TryGetValue(dataset.Id, out var changed) && changed > dataset.UpdatedAt ? changed : dataset.UpdatedAt;
            items.Add(DatasetNode(dataset, byId.GetValueOrDefault(dataset.OrganisationId), root, modified));
        }

        return new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#",
                ["dct"] = "http://purl.org/dc/terms/",
                ["foaf"] = "http://xmlns.com/foaf/0.1/",
                ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
                ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
            },
            ["@id"] = root + "/api/v1/catalogue",
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = title,
            ["dcat:dataset"] = items,
        };
    }

    /// <summary>
    /// When each dataset's records last changed: the finish time of its newest committed ingest run that wrote a new
    /// version or a tombstone (a run that changed nothing, or failed, is not a change). Datasets never loaded are absent.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, DateTimeOffset>> DataChangesAsync(IIngestStore ingest, IEnumerable<Dataset> datasets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(datasets);
        var changes = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var dataset in datasets)
        {
            var runs = await ingest.ListRunsAsync(dataset.Id, 1000, cancellationToken);
            if (runs.FirstOrDefault(r => r.Status == IngestRunStatus.Succeeded && r.Counts.VersionsCreated + r.Counts.Tombstones > 0) is { } last)
            {
                changes[dataset.Id] = last.FinishedAt;
            }
        }

        return changes;
    }

    private static JsonObject DatasetNode(Dataset dataset, Organisation? publisher, string root, DateTimeOffset modified)
    {
        var id = $"{root}/api/v1/datasets/{Uri.EscapeDataString(dataset.Id)}";
        var personal = dataset.Schema.Fields.Any(f => f.PersonalData != PersonalDataCategory.None);
        var node = new JsonObject
        {
            ["@id"] = id,
            ["@type"] = "dcat:Dataset",
            ["dct:identifier"] = dataset.Id,
            ["dct:title"] = dataset.Title,
            ["dct:issued"] = Date(dataset.CreatedAt),
            ["dct:modified"] = Date(modified),
            ["dct:description"] = dataset.Description ?? Describe(dataset, publisher),
            ["dct:conformsTo"] = new JsonObject { ["@id"] = id + "/schema" },
            ["dcat:version"] = dataset.SchemaVersion.ToString(CultureInfo.InvariantCulture),
            ["dct:accessRights"] = personal
                ? "Restricted: personal data, shared only under an active data sharing agreement."
                : "Restricted: shared under a data sharing agreement.",
            ["dcat:keyword"] = new JsonArray(dataset.Keywords.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
            ["dcat:distribution"] = new JsonArray(new JsonObject
            {
                ["@type"] = "dcat:Distribution",
                ["dcat:mediaType"] = "application/json",
                ["dcat:accessService"] = new JsonObject
                {
                    ["@type"] = "dcat:DataService",
                    ["dcat:endpointURL"] = new JsonObject { ["@id"] = root + "/api/v1" },
                    ["dct:conformsTo"] = new JsonObject { ["@id"] = root + "/openapi/v1.json" },
                },
            }),
        };
        if (publisher is not null)
        {
            var org = new JsonObject
            {
                ["@id"] = $"{root}/api/v1/organisations/{Uri.EscapeDataString(publisher.Id)}",
                ["@type"] = "foaf:Organization",
                ["foaf:name"] = publisher.Name,
            };
            node["dct:publisher"] = org;
            if (publisher.ContactEmail is not null)
            {
                node["dcat:contactPoint"] = new JsonObject
                {
                    ["@type"] = "vcard:Organization",
                    ["vcard:fn"] = publisher.Name,
                    ["vcard:hasEmail"] = "mailto:" + publisher.ContactEmail,
                };
            }
        }

        return node;
    }

    // DCAT and the UK metadata model expect every dataset to be described; without the steward's words, say what the
    // schema says (its fields, never any values).
    private static string Describe(Dataset dataset, Organisation? publisher)
    {
        var fields = dataset.Schema.Fields;
        var listed = string.Join(", ", fields.Take(12).Select(f => f.Name)) + (fields.Count > 12 ? $" and {fields.Count - 12} more" : "");
        var by = publisher is null ? "" : $" published by {publisher.Name}";
        return $"{dataset.Title}{by}: {fields.Count} field{(fields.Count == 1 ? "" : "s")} ({listed}).";
    }

    private static JsonObject Date(DateTimeOffset value) => new()
    {
        ["@value"] = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["@type"] = "xsd:dateTime",
    };
}
