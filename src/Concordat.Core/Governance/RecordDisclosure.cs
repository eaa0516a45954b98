using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concordat.Core.Governance;

/// <summary>
/// Applies a permit's obligations to one record (a JSON object as stored by ingestion): drops it when a row filter
/// fails, keeps exactly the permitted fields, and transforms each as agreed. The exchange calls this for every record
/// it returns in identified or pseudonymised mode. Thread safe.
/// </summary>
public static class RecordDisclosure
{
    /// <summary>
    /// The record as the consumer may see it, or null when it is out of scope (a row filter fails). A field the record
    /// lacks is returned as null. <paramref name="pseudonymKey"/> is the unsealed key named by
    /// <see cref="Obligations.PseudonymKeyId"/>; required when a field is pseudonymised.
    /// </summary>
    public static JsonObject? Apply(Obligations obligations, JsonObject record, DateOnly today, ReadOnlySpan<byte> pseudonymKey = default)
    {
        ArgumentNullException.ThrowIfNull(obligations);
        ArgumentNullException.ThrowIfNull(record);
        if (obligations.Mode == DisclosureMode.Aggregate)
        {
            throw new InvalidOperationException("Aggregate agreements disclose counts through AggregateDisclosure, never records.");
        }

        foreach (var filter in obligations.RowFilters)
        {
            if (!filter.Matches(Text(record[filter.Field]), today))
            {
                return null;
            }
        }

        var result = new JsonObject();
        foreach (var field in obligations.Fields)
        {
            var value = record[field.Name];
            result[field.Name] = field.Transform == FieldTransform.None
                ? value?.DeepClone()
                : FieldTransforms.Apply(field.Transform, Text(value), pseudonymKey) is { } transformed ? JsonValue.Create(transformed) : null;
        }

        return result;
    }

    /// <summary>A scalar JSON value as invariant text (numbers as written, booleans as true/false); null otherwise.</summary>
    public static string? Text(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
