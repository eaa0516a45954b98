using System.Globalization;
using System.Text.Json.Nodes;

namespace Concordat.Core.Governance;

/// <summary>
/// Exports an agreement as a W3C ODRL 2.2 <c>Agreement</c> policy in JSON-LD: the provider is the assigner, the
/// consumer the assignee; one permission per dataset to <c>use</c> exactly the agreed fields (an AssetCollection
/// refined by field name), constrained by purpose and the agreement's period, with duties to delete after the
/// retention period and, by mode, to anonymize (pseudonymised) or aggregate; a prohibition on onward distribution.
/// Terms ODRL has no word for (fields, transforms, lawful basis, gateway) use the <c>concordat:</c> vocabulary.
/// </summary>
public static class OdrlPolicy
{
    /// <summary>The namespace of Concordat's ODRL profile terms.</summary>
    public const string ProfileNamespace = "https://concordat.example.gov.uk/odrl#";

    /// <summary>Builds the policy; <paramref name="baseUri"/> is the hub's public address used to mint identifiers.</summary>
    public static JsonObject Build(Agreement agreement, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(baseUri);
        var root = baseUri.ToString().TrimEnd('/');
        var terms = agreement.Terms;
        var permissions = new JsonArray();
        var prohibitions = new JsonArray();
        foreach (var dataset in terms.Datasets)
        {
            var target = $"{root}/api/v1/datasets/{Uri.EscapeDataString(dataset.DatasetId)}";
            permissions.Add(Permission(terms, dataset, target));
            prohibitions.Add(new JsonObject { ["target"] = target, ["action"] = "distribute" });
        }

        return WithoutNulls(new JsonObject
        {
            ["@context"] = new JsonArray(
                "http://www.w3.org/ns/odrl.jsonld",
                new JsonObject { ["concordat"] = ProfileNamespace, ["xsd"] = "http://www.w3.org/2001/XMLSchema#" }),
            ["@type"] = "Agreement",
            ["uid"] = $"{root}/api/v1/register/agreements/{Uri.EscapeDataString(agreement.Id)}",
            ["profile"] = ProfileNamespace.TrimEnd('#'),
            ["concordat:version"] = agreement.Version,
            ["concordat:status"] = Camel(agreement.Status.ToString()),
            ["concordat:title"] = terms.Title,
            ["concordat:purpose"] = terms.Purpose,
            ["concordat:lawfulBasis"] = Camel(terms.LawfulBasis.ToString()),
            ["concordat:specialCategoryCondition"] = terms.SpecialCategoryCondition is { } condition ? Camel(condition.ToString()) : null,
            ["concordat:legalGateway"] = terms.LegalGateway,
            ["concordat:disclosureMode"] = Camel(terms.DisclosureMode.ToString()),
            ["assigner"] = $"{root}/api/v1/organisations/{Uri.EscapeDataString(terms.ProviderOrganisationId)}",
            ["assignee"] = $"{root}/api/v1/organisations/{Uri.EscapeDataString(terms.ConsumerOrganisationId)}",
            ["permission"] = permissions,
            ["prohibition"] = prohibitions,
        });
    }

    private static JsonObject Permission(AgreementTerms terms, AgreementDataset dataset, string target)
    {
        var fields = new JsonArray();
        foreach (var field in dataset.Fields)
        {
            fields.Add(field.Name);
        }

        var transforms = new JsonObject();
        foreach (var field in dataset.Fields.Where(f => f.Transform != FieldTransform.None))
        {
            transforms[field.Name] = Camel(field.Transform.ToString());
        }

        var groupable = new JsonArray();
        foreach (var field in dataset.Fields.Where(f => f.Groupable))
        {
            groupable.Add(field.Name);
        }

        var constraints = new JsonArray
        {
            new JsonObject { ["leftOperand"] = "purpose", ["operator"] = "eq", ["rightOperand"] = $"{ProfileNamespace}purpose/{terms.PurposeCode}" },
            new JsonObject { ["leftOperand"] = "dateTime", ["operator"] = "gteq", ["rightOperand"] = Typed(Instant(terms.StartsAt), "xsd:dateTime") },
            new JsonObject { ["leftOperand"] = "dateTime", ["operator"] = "lt", ["rightOperand"] = Typed(Instant(terms.EndsAt), "xsd:dateTime") },
        };
        foreach (var filter in dataset.RowFilters)
        {
            constraints.Add(new JsonObject
            {
                ["leftOperand"] = $"concordat:field/{filter.Field}",
                ["operator"] = $"concordat:{Camel(filter.Operator.ToString())}",
                ["rightOperand"] = filter.Value,
            });
        }

        var duties = new JsonArray
        {
            new JsonObject
            {
                ["action"] = "delete",
                ["constraint"] = new JsonArray(new JsonObject
                {
                    ["leftOperand"] = "elapsedTime",
                    ["operator"] = "lteq",
                    ["rightOperand"] = Typed($"P{terms.RetentionDays.ToString(CultureInfo.InvariantCulture)}D", "xsd:duration"),
                }),
            },
        };
        if (terms.DisclosureMode == DisclosureMode.Pseudonymised)
        {
            duties.Add(new JsonObject { ["action"] = "anonymize" });
        }
        else if (terms.DisclosureMode == DisclosureMode.Aggregate)
        {
            duties.Add(new JsonObject { ["action"] = "aggregate" });
        }

        return WithoutNulls(new JsonObject
        {
            ["target"] = new JsonObject
            {
                ["@type"] = "AssetCollection",
                ["source"] = target,
                ["refinement"] = new JsonArray(new JsonObject { ["leftOperand"] = "concordat:field", ["operator"] = "isAnyOf", ["rightOperand"] = fields }),
            },
            ["action"] = "use",
            ["concordat:transforms"] = transforms.Count > 0 ? transforms : null,
            ["concordat:groupable"] = groupable.Count > 0 ? groupable : null,
            ["constraint"] = constraints,
            ["duty"] = duties,
        });
    }

    private static JsonObject WithoutNulls(JsonObject node)
    {
        foreach (var name in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            node.Remove(name);
        }

        return node;
    }

    private static JsonObject Typed(string value, string type) => new() { ["@value"] = value, ["@type"] = type };

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
