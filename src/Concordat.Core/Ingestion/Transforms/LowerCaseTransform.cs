using System.Diagnostics.CodeAnalysis;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary><c>lower</c> (or <c>case</c> with value <c>lower</c>): lower-cases with the invariant culture. Immutable and thread safe.</summary>
public sealed class LowerCaseTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "lower";

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "Lower case is what the mapping asks for.")]
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        output = input?.ToLowerInvariant();
        failure = null;
        return true;
    }
}
