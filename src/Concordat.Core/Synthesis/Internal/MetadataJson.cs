using System.Text.Encodings.Web;
using System.Text.Json;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Writes the small JSON files beside each extract: the mapping (Concordat's mapping file shape), the Frictionless
/// Table Schema with Concordat's classification, personal-data and identifier properties, and the fixed-width layout.
/// </summary>
internal static class MetadataJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Options that read and write <see cref="FixedWidthLayout"/> as in layout files.</summary>
    public static JsonSerializerOptions LayoutOptions => SerializerOptions;

    /// <summary>
    /// Writes a mapping file. A transform with only a name is written as a bare string (<c>"trim"</c>), one with
    /// arguments as an object (<c>{"op": "parseDate", "formats": ["dd/MM/yyyy"]}</c>).
    /// </summary>
    public static void WriteMapping(IngestMapping mapping, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteStartObject("source");
        var source = mapping.Source;
        json.WriteString("format", Camel(source.Format.ToString()));
        json.WriteString("encoding", source.Encoding);
        switch (source.Format)
        {
            case SourceFormat.Csv:
                json.WriteBoolean("header", source.Header);
                json.WriteString("delimiter", source.Delimiter.ToString());
                break;
            case SourceFormat.Xml:
                json.WriteString("recordPath", source.RecordPath);
                break;
            case SourceFormat.FixedWidth:
                json.WriteString("layoutFile", source.LayoutFile);
                break;
            default:
                break;
        }

        json.WriteEndObject();
        json.WriteString("mode", Camel(mapping.Mode.ToString()));
        json.WriteStartArray("fields");
        foreach (var field in mapping.Fields)
        {
            json.WriteStartObject();
            json.WriteString("field", field.Field);
            json.WriteString("from", field.From ?? field.Field);
            json.WriteStartArray("transforms");
            foreach (var transform in field.Transforms)
            {
                WriteTransform(json, transform);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes a Frictionless Table Schema.</summary>
    public static void WriteSchema(DatasetSchema schema, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteStartArray("fields");
        foreach (var field in schema.Fields)
        {
            json.WriteStartObject();
            json.WriteString("name", field.Name);
            json.WriteString("type", TableSchemaType(field.Type));
            if (field.Description is not null)
            {
                json.WriteString("description", field.Description);
            }

            if (field.Unit is not null)
            {
                json.WriteString("unit", field.Unit);
            }

            WriteConstraints(json, field.Constraints);
            json.WriteString("classification", field.Classification == Classification.OfficialSensitive ? "OFFICIAL-SENSITIVE" : "OFFICIAL");
            json.WriteString("personalData", Camel(field.PersonalData.ToString()));
            if (field.Identifier != IdentifierKind.None)
            {
                json.WriteString("identifier", Camel(field.Identifier.ToString()));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("primaryKey");
        foreach (var key in schema.PrimaryKey)
        {
            json.WriteStringValue(key);
        }

        json.WriteEndArray();
        json.WriteStartArray("missingValues");
        json.WriteStringValue("");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes a fixed-width layout file.</summary>
    public static void WriteLayout(FixedWidthLayout layout, Stream stream) => JsonSerializer.Serialize(stream, layout, SerializerOptions);

    private static void WriteTransform(Utf8JsonWriter json, TransformSpec transform)
    {
        if (transform.Formats is null && transform.Part is null && transform.Value is null && transform.Find is null)
        {
            json.WriteStringValue(transform.Op);
            return;
        }

        json.WriteStartObject();
        json.WriteString("op", transform.Op);
        if (transform.Formats is not null)
        {
            json.WriteStartArray("formats");
            foreach (var format in transform.Formats)
            {
                json.WriteStringValue(format);
            }

            json.WriteEndArray();
        }

        if (transform.Part is not null)
        {
            json.WriteString("part", transform.Part);
        }

        if (transform.Value is not null)
        {
            json.WriteString("value", transform.Value);
        }

        if (transform.Find is not null)
        {
            json.WriteString("find", transform.Find);
        }

        json.WriteEndObject();
    }

    private static void WriteConstraints(Utf8JsonWriter json, FieldConstraints constraints)
    {
        if (constraints == FieldConstraints.None)
        {
            return;
        }

        json.WriteStartObject("constraints");
        if (constraints.Required)
        {
            json.WriteBoolean("required", true);
        }

        if (constraints.MinLength is { } minLength)
        {
            json.WriteNumber("minLength", minLength);
        }

        if (constraints.MaxLength is { } maxLength)
        {
            json.WriteNumber("maxLength", maxLength);
        }

        if (constraints.Minimum is not null)
        {
            json.WriteString("minimum", constraints.Minimum);
        }

        if (constraints.Maximum is not null)
        {
            json.WriteString("maximum", constraints.Maximum);
        }

        if (constraints.Pattern is not null)
        {
            json.WriteString("pattern", constraints.Pattern);
        }

        if (constraints.Enum is not null)
        {
            json.WriteStartArray("enum");
            foreach (var value in constraints.Enum)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static string TableSchemaType(FieldType type) => type switch
    {
        FieldType.String => "string",
        FieldType.Integer => "integer",
        FieldType.Number => "number",
        FieldType.Boolean => "boolean",
        FieldType.Date => "date",
        FieldType.DateTime => "datetime",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
