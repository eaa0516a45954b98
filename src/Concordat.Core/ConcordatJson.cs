using System.Text.Json;
using System.Text.Json.Serialization;
using Concordat.Core.Ingestion;

namespace Concordat.Core;

/// <summary>The one set of JSON conventions used across files, storage and the API: camelCase names and enums.</summary>
public static class ConcordatJson
{
    /// <summary>Shared, immutable serializer options. Unknown properties are errors, so typos in files are caught.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Like <see cref="Options"/> but indented, for files people read.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

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
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new TransformSpecConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
