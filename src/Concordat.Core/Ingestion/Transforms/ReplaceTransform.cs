namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>replace</c>: replaces every occurrence of a literal text (ordinal, case-sensitive; not a regular expression).
/// Immutable and thread safe.
/// </summary>
public sealed class ReplaceTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "replace";

    /// <summary>Creates the transform.</summary>
    /// <param name="find">The text to find; must not be empty.</param>
    /// <param name="replacement">The replacement; null or empty deletes what is found.</param>
    public ReplaceTransform(string find, string? replacement)
    {
        ArgumentException.ThrowIfNullOrEmpty(find);
        Find = find;
        Replacement = replacement ?? string.Empty;
    }

    /// <summary>The text to find.</summary>
    public string Find { get; }

    /// <summary>The replacement text.</summary>
    public string Replacement { get; }

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        // string.Replace returns the same instance when the text is not found.
        output = input?.Replace(Find, Replacement, StringComparison.Ordinal);
        failure = null;
        return true;
    }
}
