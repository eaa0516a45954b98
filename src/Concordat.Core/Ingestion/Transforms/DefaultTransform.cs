namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>default</c>: supplies a value when the source has none (null, empty or white space only); other values pass
/// through unchanged. The only transform that turns null into a value. Immutable and thread safe.
/// </summary>
public sealed class DefaultTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "default";

    /// <summary>Creates the transform.</summary>
    /// <param name="value">The value to use when the source has none.</param>
    public DefaultTransform(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>The value used when the source has none.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        output = string.IsNullOrWhiteSpace(input) ? Value : input;
        failure = null;
        return true;
    }
}
