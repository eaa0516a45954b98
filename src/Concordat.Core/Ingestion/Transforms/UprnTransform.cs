using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>uprn</c>: normalises a UPRN to its digits without leading zeros with <see cref="Uprn"/>; an invalid value fails with the reason from <see cref="Uprn.Explain"/>.
/// Null, empty and white-space-only values become null (no value); whether a value is required is the schema's
/// concern. Immutable and thread safe.
/// </summary>
public sealed class UprnTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "uprn";

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

        if (Uprn.TryNormalise(input, out string? normalised))
        {
            output = normalised;
            return true;
        }

        failure = Uprn.Explain(input);
        return false;
    }
}
