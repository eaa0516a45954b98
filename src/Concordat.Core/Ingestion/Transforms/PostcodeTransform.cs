using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>postcode</c>: normalises a UK postcode (upper case, one space before the inward code, e.g. <c>SW1A 1AA</c>) with <see cref="Postcode"/>; an invalid value fails with the reason from <see cref="Postcode.Explain"/>.
/// Null, empty and white-space-only values become null (no value); whether a value is required is the schema's
/// concern. Immutable and thread safe.
/// </summary>
public sealed class PostcodeTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "postcode";

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        output = null;
        failure = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return true;
        }

        if (Postcode.TryNormalise(input, out string? normalised))
        {
            output = normalised;
            return true;
        }

        failure = Postcode.Explain(input);
        return false;
    }
}
