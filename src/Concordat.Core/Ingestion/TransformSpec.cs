namespace Concordat.Core.Ingestion;

/// <summary>
/// One transform step in a field mapping. In a mapping file a step is either a bare name (<c>"trim"</c>) or an
/// object with <c>op</c> and its arguments (<c>{"op": "parseDate", "formats": ["dd/MM/yyyy"]}</c>).
/// </summary>
/// <param name="Op">The transform name; see <c>docs/mapping.md</c> for the list.</param>
public sealed record TransformSpec(string Op)
{
    /// <summary>parseDate / parseDateTime: accepted input formats (.NET custom format strings), tried in order.</summary>
    public IReadOnlyList<string>? Formats { get; init; }

    /// <summary>splitName: which part to keep, <c>given</c>, <c>middle</c> or <c>family</c>.</summary>
    public string? Part { get; init; }

    /// <summary>default / replace: a literal value; case: <c>upper</c>, <c>lower</c> or <c>title</c>.</summary>
    public string? Value { get; init; }

    /// <summary>replace: the text to find.</summary>
    public string? Find { get; init; }
}
