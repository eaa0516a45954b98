using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concordat.Core.Ingestion;

/// <summary>Reads a transform step written either as a bare name or as an object with <c>op</c> and arguments.</summary>
internal sealed class TransformSpecConverter : JsonConverter<TransformSpec>
{
    public override TransformSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new TransformSpec(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A transform is a name such as \"trim\" or an object such as {\"op\": \"parseDate\", \"formats\": [\"dd/MM/yyyy\"]}.");
        }

        string? op = null;
        List<string>? formats = null;
        string? part = null, value = null, find = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "op":
                    op = reader.GetString();
                    break;
                case "formats":
                    formats = JsonSerializer.Deserialize<List<string>>(ref reader, options);
                    break;
                case "part":
                    part = reader.GetString();
                    break;
                case "value":
                    value = reader.GetString();
                    break;
                case "find":
                    find = reader.GetString();
                    break;
                default:
                    throw new JsonException($"Unknown transform argument '{name}'; expected op, formats, part, value or find.");
            }
        }

        if (string.IsNullOrWhiteSpace(op))
        {
            throw new JsonException("A transform object needs an \"op\".");
        }

        return new TransformSpec(op) { Formats = formats, Part = part, Value = value, Find = find };
    }

    public override void Write(Utf8JsonWriter writer, TransformSpec value, JsonSerializerOptions options)
    {
        if (value.Formats is null && value.Part is null && value.Value is null && value.Find is null)
        {
            writer.WriteStringValue(value.Op);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("op", value.Op);
        if (value.Formats is not null)
        {
            writer.WritePropertyName("formats");
            JsonSerializer.Serialize(writer, value.Formats, options);
        }

        WriteIfSet(writer, "part", value.Part);
        WriteIfSet(writer, "value", value.Value);
        WriteIfSet(writer, "find", value.Find);
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
