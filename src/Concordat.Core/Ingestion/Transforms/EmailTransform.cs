using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>email</c>: trims an e-mail address, checks its format and lower-cases its domain with <see cref="EmailAddress"/>; an invalid value fails with the reason from <see cref="EmailAddress.Explain"/>.
/// Null, empty and white-space-only values become null (no value); whether a value is required is the schema's
/// concern. Immutable and thread safe.
/// </summary>
public sealed class EmailTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "email";

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

        if (EmailAddress.TryNormalise(input, out string? normalised))
        {
            output = normalised;
            return true;
        }

        failure = EmailAddress.Explain(input);
        return false;
    }
}
