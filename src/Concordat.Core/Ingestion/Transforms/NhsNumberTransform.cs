using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>nhsNumber</c>: normalises an NHS number to ten digits and checks its check digit with <see cref="NhsNumber"/>; an invalid value fails with the reason from <see cref="NhsNumber.Explain"/>.
/// Null, empty and white-space-only values become null (no value); whether a value is required is the schema's
/// concern. Immutable and thread safe.
/// </summary>
public sealed class NhsNumberTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "nhsNumber";

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

        if (NhsNumber.TryNormalise(input, out string? normalised))
        {
            output = normalised;
            return true;
        }

        failure = NhsNumber.Explain(input);
        return false;
    }
}
