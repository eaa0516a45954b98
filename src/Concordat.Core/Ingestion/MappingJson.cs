using System.Text.Json;

namespace Concordat.Core.Ingestion;

/// <summary>Reads and writes mapping files.</summary>
public static class MappingJson
{
    /// <summary>Parses a mapping file, reporting JSON errors with their line.</summary>
    public static Result<IngestMapping> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var mapping = JsonSerializer.Deserialize<IngestMapping>(json, ConcordatJson.Options);
            return mapping is null
                ? Error.Validation("mapping.empty", "The mapping file is empty (null).")
                : mapping;
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}" : string.Empty;
            return Error.Validation("mapping.invalid_json", $"The mapping is not valid{where}: {ex.Message}");
        }
    }

    /// <summary>Serialises a mapping, indented.</summary>
    public static string Write(IngestMapping mapping) => JsonSerializer.Serialize(mapping, ConcordatJson.Indented);
}
