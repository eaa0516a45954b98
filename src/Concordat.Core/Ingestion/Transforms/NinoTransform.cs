using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>nino</c>: normalises a National Insurance number to the compact form <c>AB123456C</c> with <see cref="Nino"/>; an invalid value fails with the reason from <see cref="Nino.Explain"/>.
/// Null, empty and white-space-only values become null (no value); whether a value is required is the schema's
/// concern. Immutable and thread safe.
/// </summary>
public sealed class NinoTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "nino";

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

        if (Nino.TryNormalise(input, out string? normalised))
        {
            output = normalised;
            return true;
        }

        failure = Nino.Explain(input);
        return false;
    }
}
