using System.Text.Json;

namespace Concordat.Core.Linkage;

/// <summary>A current record of a hub dataset, as the linkage reads it.</summary>
/// <param name="Ref">Which record.</param>
/// <param name="RecordedAt">When its current version was written; "most recent" survivorship uses it.</param>
/// <param name="Fields">Field values by name; null or absent for missing.</param>
public sealed record HubRecord(RecordRef Ref, DateTimeOffset RecordedAt, IReadOnlyDictionary<string, string?> Fields)
{
    /// <summary>
    /// A record from its stored JSON payload: strings as they are, JSON null as missing, and numbers and booleans as
    /// their JSON text.
    /// </summary>
    public static HubRecord FromPayload(RecordRef record, DateTimeOffset recordedAt, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(payloadJson);
        using var document = JsonDocument.Parse(payloadJson);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => property.Value.GetRawText(),
            };
        }

        return new HubRecord(record, recordedAt, fields);
    }
}
