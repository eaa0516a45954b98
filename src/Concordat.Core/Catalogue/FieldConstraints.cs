namespace Concordat.Core.Catalogue;

/// <summary>
/// Constraints on a field's values, following Frictionless Table Schema <c>constraints</c>.
/// Every member is optional; <see cref="None"/> constrains nothing.
/// </summary>
public sealed record FieldConstraints
{
    /// <summary>An instance with no constraints.</summary>
    public static FieldConstraints None { get; } = new();

    /// <summary>The value must be present and non-blank.</summary>
    public bool Required { get; init; }

    /// <summary>Minimum length in characters (strings).</summary>
    public int? MinLength { get; init; }

    /// <summary>Maximum length in characters (strings).</summary>
    public int? MaxLength { get; init; }

    /// <summary>Inclusive minimum for numbers, or ISO 8601 text for dates.</summary>
    public string? Minimum { get; init; }

    /// <summary>Inclusive maximum for numbers, or ISO 8601 text for dates.</summary>
    public string? Maximum { get; init; }

    /// <summary>A .NET regular expression the whole value must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>The allowed values, compared ordinally after normalisation.</summary>
    public IReadOnlyList<string>? Enum { get; init; }
}
