using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Concordat.Server.Api;

/// <summary>
/// Reads a body bound as a JSON document (<see cref="JsonElement"/>, <see cref="JsonNode"/>, <see cref="JsonObject"/>)
/// and refuses a duplicate member name anywhere in it, as typed bodies are refused: the framework's document types
/// would otherwise keep one of the two values (or fail later, on first use).
/// </summary>
internal sealed class StrictJsonDocumentConverter<T> : JsonConverter<T>
    where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        CheckUnique(document.RootElement);
        var node = JsonNode.Parse(document.RootElement.GetRawText());
        return node as T ?? throw new JsonException($"The request body must be a JSON {(typeof(T) == typeof(JsonObject) ? "object" : "value")}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ((JsonNode)(object)value).WriteTo(writer);
    }

    /// <summary>Throws when any object in <paramref name="element"/> names a member twice.</summary>
    public static void CheckUnique(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name))
                    {
                        throw new JsonException($"Duplicate property '{property.Name}' encountered during deserialization.");
                    }

                    CheckUnique(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CheckUnique(item);
                }

                break;
        }
    }
}

/// <summary>The same check for a body bound as a <see cref="JsonElement"/>.</summary>
internal sealed class StrictJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        StrictJsonDocumentConverter<JsonNode>.CheckUnique(document.RootElement);
        return document.RootElement.Clone();
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        value.WriteTo(writer);
    }
}
