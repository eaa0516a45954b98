using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Governance;

namespace Concordat.Core.Exchange;

/// <summary>
/// Applies a permit's obligations to one stored record: the row filters decide whether the record may be disclosed at
/// all, then exactly the permitted fields are copied, each through its transform (pseudonymise, date to year, postcode
/// to district...). Pure and thread safe.
/// </summary>
public static class RecordShaper
{
    /// <summary>Reads a stored record payload (a JSON object).</summary>
    /// <exception cref="InvalidDataException">The payload is not a JSON object (storage corruption).</exception>
    public static JsonObject Parse(string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(payloadJson);
        return JsonNode.Parse(payloadJson) as JsonObject ?? throw new InvalidDataException("A stored record is not a JSON object.");
    }

    /// <summary>True when the record meets every row filter of the obligations (AND), judged on <paramref name="today"/>.</summary>
    public static bool PassesFilters(JsonObject record, Obligations obligations, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(obligations);
        foreach (var filter in obligations.RowFilters)
        {
            if (!filter.Matches(Text(record[filter.Field]), today))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The permitted fields of <paramref name="record"/>, transformed; fields without a value are left out.</summary>
    /// <param name="record">The stored record.</param>
    /// <param name="obligations">The permit's obligations.</param>
    /// <param name="pseudonymKey">The agreement's pseudonymisation key; required when a field is pseudonymised.</param>
    public static JsonObject Shape(JsonObject record, Obligations obligations, ReadOnlySpan<byte> pseudonymKey)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(obligations);
        var shaped = new JsonObject();
        foreach (var field in obligations.Fields)
        {
            var value = record[field.Name];
            if (value is null)
            {
                continue;
            }

            if (field.Transform == FieldTransform.None)
            {
                shaped[field.Name] = value.DeepClone();
                continue;
            }

            if (FieldTransforms.Apply(field.Transform, Text(value), pseudonymKey) is { } transformed)
            {
                shaped[field.Name] = transformed;
            }
        }

        return shaped;
    }

    /// <summary>The text of a JSON value as stored: strings as they are, numbers and booleans as their literal, null as null.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValueKind() == JsonValueKind.True ? "true" : "false",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => node.ToJsonString(),
    };

    /// <summary>The value of a field as a number, or null when absent or not numeric.</summary>
    public static decimal? Number(JsonNode? node) =>
        Text(node) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null;
}
