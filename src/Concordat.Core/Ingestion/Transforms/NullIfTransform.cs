namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>nullIf</c>: turns a placeholder such as <c>N/A</c> into no value. The comparison ignores case and surrounding
/// white space, so <c>n/a </c> also matches <c>N/A</c>; other values pass through unchanged. Immutable and thread safe.
/// </summary>
public sealed class NullIfTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "nullIf";

    private readonly string _placeholder;

    /// <summary>Creates the transform.</summary>
    /// <param name="placeholder">The text that means "no value"; compared trimmed and case-insensitively.</param>
    public NullIfTransform(string placeholder)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        _placeholder = placeholder.Trim();
    }

    /// <summary>The placeholder, trimmed.</summary>
    public string Placeholder => _placeholder;

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        failure = null;
        output = input is not null && input.AsSpan().Trim().Equals(_placeholder, StringComparison.OrdinalIgnoreCase) ? null : input;
        return true;
    }
}
