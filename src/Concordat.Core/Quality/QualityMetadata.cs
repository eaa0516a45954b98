using System.Globalization;
using System.Text.Json.Nodes;
using Concordat.Core.Catalogue;
using Concordat.Core.Standards;

namespace Concordat.Core.Quality;

/// <summary>
/// Puts quality figures into the metadata that travels with a dataset: a Frictionless Data Package (Table Schema with
/// a <c>quality</c> object on the schema and on each field) and the DCAT catalogue (W3C Data Quality Vocabulary
/// measurements). Only aggregate figures are published, never values, examples or top values. Pure.
/// </summary>
public static class QualityMetadata
{
    /// <summary>The DQV namespace.</summary>
    public const string DqvNamespace = "http://www.w3.org/ns/dqv#";

    /// <summary>
    /// The quality summary of a profile: score, completeness, duplicate-key rate, freshness and failed rules, and the
    /// same per field. Safe to publish to anyone who may see the dataset's metadata.
    /// </summary>
    public static JsonObject Summary(QualityProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var fields = new JsonObject();
        foreach (var field in profile.Fields)
        {
            fields[field.Name] = FieldSummary(field);
        }

        var summary = DatasetSummary(profile);
        summary["fields"] = fields;
        return summary;
    }

    /// <summary>Table Schema JSON for <paramref name="schema"/>, with quality objects added when a profile is given.</summary>
    public static JsonObject TableSchema(DatasetSchema schema, QualityProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var json = TableSchemaJson.ToJson(schema);
        if (profile is null)
        {
            return json;
        }

        json["quality"] = DatasetSummary(profile);
        var byName = profile.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var node in json["fields"]!.AsArray())
        {
            var name = node!["name"]!.GetValue<string>();
            if (byName.TryGetValue(name, out var field))
            {
                node["quality"] = FieldSummary(field);
            }
        }

        return json;
    }

    /// <summary>
    /// A Frictionless Data Package descriptor for the dataset: one resource whose schema carries quality, as shipped
    /// beside an extract (<c>datapackage.json</c>).
    /// </summary>
    public static JsonObject DataPackage(Dataset dataset, QualityProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var package = new JsonObject
        {
            ["$schema"] = "https://datapackage.org/profiles/2.0/datapackage.json",
            ["name"] = dataset.Id,
            ["title"] = dataset.Title,
        };
        if (dataset.Description is not null)
        {
            package["description"] = dataset.Description;
        }

        if (dataset.Keywords.Count > 0)
        {
            package["keywords"] = new JsonArray([.. dataset.Keywords.Select(k => (JsonNode?)JsonValue.Create(k))]);
        }

        package["version"] = dataset.SchemaVersion.ToString(CultureInfo.InvariantCulture);
        // A Data Resource must say where its data is (path or inline data). The records stay on the hub and leave only
        // as an agreement's extract, so the path names the CSV extract saved beside this descriptor.
        var resource = new JsonObject
        {
            ["name"] = dataset.Id,
            ["type"] = "table",
            ["path"] = DataPackagePath(dataset.Id),
            ["format"] = "csv",
            ["mediatype"] = "text/csv",
            ["encoding"] = "utf-8",
            ["schema"] = TableSchema(dataset.Schema, profile),
        };
        package["resources"] = new JsonArray(resource);
        return package;
    }

    /// <summary>The file name a Data Package's resource gives its data: the dataset's CSV extract, saved beside <c>datapackage.json</c>.</summary>
    public static string DataPackagePath(string datasetId) => datasetId + ".csv";

    /// <summary>
    /// Adds DQV quality measurements to each dataset of a DCAT catalogue built by <see cref="DcatCatalogue.Build"/>,
    /// from the newest profile of each dataset. Datasets without a profile are left as they are.
    /// </summary>
    /// <param name="catalogue">The catalogue JSON-LD; changed in place.</param>
    /// <param name="latest">The newest profile per dataset id.</param>
    /// <param name="baseUri">The hub's public base address, used to mint metric identifiers.</param>
    public static void AddToDcat(JsonObject catalogue, IReadOnlyDictionary<string, QualityProfile> latest, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(baseUri);
        var root = baseUri.ToString().TrimEnd('/');
        if (catalogue["@context"] is JsonObject context)
        {
            context["dqv"] = DqvNamespace;
        }

        foreach (var node in catalogue["dcat:dataset"]?.AsArray() ?? [])
        {
            if (node is not JsonObject dataset || dataset["dct:identifier"]?.GetValue<string>() is not { } id || !latest.TryGetValue(id, out var profile))
            {
                continue;
            }

            var measurements = new JsonArray();
            void Add(string metric, double? value, string type)
            {
                if (value is { } v)
                {
                    measurements.Add(new JsonObject
                    {
                        ["@type"] = "dqv:QualityMeasurement",
                        ["dqv:isMeasurementOf"] = new JsonObject { ["@id"] = $"{root}/api/v1/quality/metrics#{metric}" },
                        ["dqv:value"] = new JsonObject { ["@value"] = Math.Round(v, 4), ["@type"] = type },
                        ["dqv:computedOn"] = new JsonObject { ["@id"] = dataset["@id"]?.GetValue<string>() },
                        ["prov:generatedAtTime"] = new JsonObject { ["@value"] = IsoDate.FormatDateTime(profile.ProfiledAt), ["@type"] = "xsd:dateTime" },
                    });
                }
            }

            Add("score", profile.Score, "xsd:decimal");
            Add("completeness", profile.Completeness, "xsd:decimal");
            Add("duplicateKeyRate", profile.DuplicateKeyRate, "xsd:decimal");
            Add("freshnessSeconds", profile.FreshnessSeconds, "xsd:decimal");
            Add("records", profile.Rows, "xsd:integer");
            dataset["dqv:hasQualityMeasurement"] = measurements;
        }

        if (catalogue["@context"] is JsonObject withProv && !withProv.ContainsKey("prov"))
        {
            withProv["prov"] = "http://www.w3.org/ns/prov#";
        }
    }

    private static JsonObject DatasetSummary(QualityProfile profile) => new()
    {
        ["profileId"] = profile.Id,
        ["profiledAt"] = IsoDate.FormatDateTime(profile.ProfiledAt),
        ["records"] = profile.Rows,
        ["score"] = profile.Score,
        ["completeness"] = Round(profile.Completeness),
        ["duplicateKeyRate"] = Round(profile.DuplicateKeyRate),
        ["freshnessSeconds"] = Round(profile.FreshnessSeconds),
        ["rulesFailed"] = profile.Rules.Count(r => r.Status != RuleStatus.Passed),
        ["rules"] = profile.Rules.Count,
        ["method"] = "docs/quality.md",
    };

    private static JsonObject FieldSummary(FieldProfile field) => new()
    {
        ["score"] = field.Score,
        ["completeness"] = Round(field.Completeness),
        ["validity"] = Round(field.Validity),
        ["standard"] = field.Standard,
        ["distinct"] = field.Distinct,
        ["distinctIsExact"] = field.DistinctIsExact,
        ["outlierRate"] = Round(field.OutlierRate),
    };

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
