using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Concordat.Core.Ingestion;

namespace Concordat.Core;

/// <summary>The one set of JSON conventions used across files, storage and the API: camelCase names and enums.</summary>
public static class ConcordatJson
{
    /// <summary>
    /// Shared, immutable serializer options. Unknown properties are errors, so typos in files are caught, and so is a
    /// member named twice in one object (which would otherwise keep the last value without a word).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Like <see cref="Options"/> but indented, for files people read.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>
    /// Parses JSON from a file or another node into a node tree, refusing a member named twice while parsing: a
    /// <see cref="JsonObject"/> would otherwise fail only on first access, with an exception no caller expects.
    /// Malformed input and duplicates both throw <see cref="JsonException"/>.
    /// </summary>
    public static JsonNode? ParseNode(string json) =>
        JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });

    /// <inheritdoc cref="ParseNode(string)"/>
    public static JsonNode? ParseNode(ReadOnlySpan<byte> utf8Json) =>
        JsonNode.Parse(utf8Json, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            MaxDepth = 64,
            AllowDuplicateProperties = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new TransformSpecConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
