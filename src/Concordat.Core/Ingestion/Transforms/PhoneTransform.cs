using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>phone</c>: normalises a UK telephone number to E.164, e.g. <c>+447700900123</c> with <see cref="UkPhone"/>; an invalid value fails with the reason from <see cref="UkPhone.Explain"/>.
/// Null, empty and white-space-only values become null (no value); whether a value is required is the schema's
/// concern. Immutable and thread safe.
/// </summary>
public sealed class PhoneTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "phone";

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

        if (UkPhone.TryNormalise(input, out string? normalised))
        {
            output = normalised;
            return true;
        }

        failure = UkPhone.Explain(input);
        return false;
    }
}
