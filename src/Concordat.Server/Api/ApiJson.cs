using System.Text.Json;
using Concordat.Core;

namespace Concordat.Server.Api;

/// <summary>
/// The one set of rules for every JSON request body the API reads: strict RFC 8259 JSON. Comments, trailing commas and
/// duplicate member names are refused, so two parsers can never read one body two ways (a duplicate <c>purpose</c> or
/// <c>agreementId</c> is an old smuggling trick). Files people edit (mappings, settings) keep the relaxed reading of
/// <see cref="ConcordatJson"/>; over HTTP the same file must be plain JSON.
/// </summary>
internal static class ApiJson
{
    /// <summary>The reader settings for bodies parsed as documents rather than bound to a type.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = 64,
    };

    /// <summary>Applies the strict reading rules to serializer options (used for every bound body).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.MaxDepth = 64;
        options.Converters.Add(new StrictJsonElementConverter());
        options.Converters.Add(new StrictJsonDocumentConverter<System.Text.Json.Nodes.JsonNode>());
        options.Converters.Add(new StrictJsonDocumentConverter<System.Text.Json.Nodes.JsonObject>());
    }

    /// <summary>Checks a body read as text; null when it is strict JSON, otherwise the problem to answer.</summary>
    public static Error? Check(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var _ = JsonDocument.Parse(body, DocumentOptions);
            return null;
        }
        catch (JsonException ex)
        {
            return Describe(ex);
        }
    }

    /// <summary>The problem for a body the strict reader refused.</summary>
    public static Error Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var target = exception.LineNumber is { } line ? $"line {line + 1}" : null;
        var where = target is null ? string.Empty : $" ({target})";
        if (exception.Message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            return Error.Validation("request.duplicate_property", $"The request body names a property twice{where}; send each property once.", target);
        }

        return Error.Validation("request.invalid_json", $"The request body is not strict JSON{where}: no comments, trailing commas or other extensions.", target);
    }
}
