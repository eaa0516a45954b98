using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concordat.Core.Catalogue;

/// <summary>
/// Converts dataset schemas to and from Frictionless Table Schema JSON (https://datapackage.org/standard/table-schema/).
/// Concordat's own field properties travel as extra properties, which the standard allows:
/// <c>unit</c>, <c>classification</c> (OFFICIAL / OFFICIAL-SENSITIVE), <c>personalData</c>
/// (none / personal / special-category) and <c>identifier</c> (nino, nhsNumber, postcode, uprn, email, phone).
/// </summary>
public static class TableSchemaJson
{
    private static readonly Dictionary<string, FieldType> TypesByName = new(StringComparer.Ordinal)
    {
        ["string"] = FieldType.String,
        ["integer"] = FieldType.Integer,
        ["number"] = FieldType.Number,
        ["boolean"] = FieldType.Boolean,
        ["date"] = FieldType.Date,
        ["datetime"] = FieldType.DateTime,
    };

    /// <summary>Parses Table Schema JSON, collecting every problem rather than stopping at the first.</summary>
    public static Result<DatasetSchema> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            // Duplicate members are refused while parsing: JsonObject would otherwise throw on first access (found by fuzzing, issue 13.3).
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            return Error.Validation("schema.invalid_json", $"The schema is not valid JSON: {ex.Message}");
        }

        return root is JsonObject obj ? Parse(obj) : Error.Validation("schema.invalid", "A Table Schema is a JSON object with a \"fields\" array.");
    }

    /// <summary>Parses a Table Schema object already read as JSON.</summary>
    public static Result<DatasetSchema> Parse(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var errors = new List<Error>();
        var fields = new List<SchemaField>();
        if (root["fields"] is not JsonArray fieldArray)
        {
            return Error.Validation("schema.no_fields", "The schema has no \"fields\" array.", "fields");
        }

        for (var i = 0; i < fieldArray.Count; i++)
        {
            if (fieldArray[i] is JsonObject fieldNode)
            {
                var field = ParseField(fieldNode, $"fields[{i}]", errors);
                if (field is not null)
                {
                    fields.Add(field);
                }
            }
            else
            {
                errors.Add(Error.Validation("schema.field_not_object", $"fields[{i}] is not an object.", $"fields[{i}]"));
            }
        }

        var primaryKey = root["primaryKey"] switch
        {
            null => [],
            JsonValue v when v.TryGetValue<string>(out var single) => new List<string> { single },
            JsonArray a when a.All(n => n is JsonValue e && e.TryGetValue<string>(out _)) => a.Select(n => n!.GetValue<string>()).ToList(),
            _ => null,
        };
        if (primaryKey is null)
        {
            errors.Add(Error.Validation("schema.bad_primary_key", "primaryKey must be a field name or an array of field names.", "primaryKey"));
            primaryKey = [];
        }

        var schema = new DatasetSchema(fields, primaryKey);
        errors.AddRange(SchemaRules.Check(schema));
        return errors.Count == 0 ? schema : Result<DatasetSchema>.Failure(errors);
    }

    /// <summary>Writes a schema as Table Schema JSON.</summary>
    public static JsonObject ToJson(DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var fields = new JsonArray();
        foreach (var field in schema.Fields)
        {
            var node = new JsonObject
            {
                ["name"] = field.Name,
                ["type"] = TypeName(field.Type),
            };
            if (field.Description is not null)
            {
                node["description"] = field.Description;
            }

            if (field.Unit is not null)
            {
                node["unit"] = field.Unit;
            }

            node["classification"] = field.Classification == Classification.OfficialSensitive ? "OFFICIAL-SENSITIVE" : "OFFICIAL";
            node["personalData"] = field.PersonalData switch
            {
                PersonalDataCategory.Personal => "personal",
                PersonalDataCategory.SpecialCategory => "special-category",
                _ => "none",
            };
            if (field.Identifier != IdentifierKind.None)
            {
                node["identifier"] = JsonNamingPolicy.CamelCase.ConvertName(field.Identifier.ToString());
            }

            var constraints = ConstraintsToJson(field.Constraints);
            if (constraints.Count > 0)
            {
                node["constraints"] = constraints;
            }

            fields.Add(node);
        }

        var root = new JsonObject { ["fields"] = fields };
        if (schema.PrimaryKey.Count > 0)
        {
            root["primaryKey"] = new JsonArray(schema.PrimaryKey.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray());
        }

        return root;
    }

    /// <summary>Writes a schema as indented Table Schema JSON text.</summary>
    public static string Write(DatasetSchema schema) => ToJson(schema).ToJsonString(ConcordatJson.Indented);

    /// <summary>The Table Schema type name of a field type.</summary>
    public static string TypeName(FieldType type) => type switch
    {
        FieldType.String => "string",
        FieldType.Integer => "integer",
        FieldType.Number => "number",
        FieldType.Boolean => "boolean",
        FieldType.Date => "date",
        FieldType.DateTime => "datetime",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static SchemaField? ParseField(JsonObject node, string path, List<Error> errors)
    {
        var name = Text(node, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(Error.Validation("schema.field_no_name", $"{path} has no name.", path));
            return null;
        }

        var typeName = Text(node, "type") ?? "string";
        if (!TypesByName.TryGetValue(typeName, out var type))
        {
            errors.Add(Error.Validation("schema.unknown_type", $"Field '{name}' has unknown type '{typeName}'; use one of {string.Join(", ", TypesByName.Keys)}.", name));
            return null;
        }

        var classification = Text(node, "classification") switch
        {
            null or "OFFICIAL" => Classification.Official,
            "OFFICIAL-SENSITIVE" => Classification.OfficialSensitive,
            var other => Invalid(errors, name, $"Field '{name}' has classification '{other}'; use OFFICIAL or OFFICIAL-SENSITIVE.", Classification.Official),
        };
        var personal = Text(node, "personalData") switch
        {
            null or "none" => PersonalDataCategory.None,
            "personal" => PersonalDataCategory.Personal,
            "special-category" => PersonalDataCategory.SpecialCategory,
            var other => Invalid(errors, name, $"Field '{name}' has personalData '{other}'; use none, personal or special-category.", PersonalDataCategory.None),
        };
        var identifier = IdentifierKind.None;
        if (Text(node, "identifier") is { } identifierName && !Enum.TryParse(identifierName, ignoreCase: true, out identifier))
        {
            errors.Add(Error.Validation("schema.unknown_identifier", $"Field '{name}' has identifier '{identifierName}'; use nino, nhsNumber, postcode, uprn, email or phone.", name));
        }

        return new SchemaField(name, type)
        {
            Description = Text(node, "description"),
            Unit = Text(node, "unit"),
            Classification = classification,
            PersonalData = personal,
            Identifier = identifier,
            Constraints = node["constraints"] is JsonObject c ? ParseConstraints(c, name, errors) : FieldConstraints.None,
        };
    }

    private static FieldConstraints ParseConstraints(JsonObject node, string fieldName, List<Error> errors)
    {
        try
        {
            return new FieldConstraints
            {
                Required = node["required"]?.GetValue<bool>() ?? false,
                MinLength = node["minLength"]?.GetValue<int>(),
                MaxLength = node["maxLength"]?.GetValue<int>(),
                Minimum = ScalarText(node["minimum"]),
                Maximum = ScalarText(node["maximum"]),
                Pattern = node["pattern"]?.GetValue<string>(),
                Enum = node["enum"] is JsonArray values ? values.Select(v => ScalarText(v) ?? string.Empty).ToList() : null,
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            errors.Add(Error.Validation("schema.bad_constraints", $"Field '{fieldName}' has constraints of the wrong type: {ex.Message}", fieldName));
            return FieldConstraints.None;
        }
    }

    private static JsonObject ConstraintsToJson(FieldConstraints c)
    {
        var node = new JsonObject();
        if (c.Required)
        {
            node["required"] = true;
        }

        if (c.MinLength is { } minLength)
        {
            node["minLength"] = minLength;
        }

        if (c.MaxLength is { } maxLength)
        {
            node["maxLength"] = maxLength;
        }

        if (c.Minimum is not null)
        {
            node["minimum"] = c.Minimum;
        }

        if (c.Maximum is not null)
        {
            node["maximum"] = c.Maximum;
        }

        if (c.Pattern is not null)
        {
            node["pattern"] = c.Pattern;
        }

        if (c.Enum is not null)
        {
            node["enum"] = new JsonArray(c.Enum.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        return node;
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? ScalarText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => node.ToJsonString(),
    };

    private static T Invalid<T>(List<Error> errors, string field, string message, T fallback)
    {
        errors.Add(Error.Validation("schema.bad_field_property", message, field));
        return fallback;
    }
}
