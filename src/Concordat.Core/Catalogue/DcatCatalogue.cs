using System.Globalization;
using System.Text.Json.Nodes;

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
    public static JsonObject Build(IReadOnlyList<Organisation> organisations, IReadOnlyList<Dataset> datasets, Uri baseUri, string title)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(baseUri);
        var root = baseUri.ToString().TrimEnd('/');
        var byId = organisations.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var items = new JsonArray();
        foreach (var dataset in datasets)
        {
            items.Add(DatasetNode(dataset, byId.GetValueOrDefault(dataset.OrganisationId), root));
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

    private static JsonObject DatasetNode(Dataset dataset, Organisation? publisher, string root)
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
            ["dct:modified"] = Date(dataset.UpdatedAt),
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
        if (dataset.Description is not null)
        {
            node["dct:description"] = dataset.Description;
        }

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

    private static JsonObject Date(DateTimeOffset value) => new()
    {
        ["@value"] = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["@type"] = "xsd:dateTime",
    };
}
