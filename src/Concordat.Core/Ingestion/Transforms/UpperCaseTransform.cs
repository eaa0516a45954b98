namespace Concordat.Core.Ingestion.Transforms;

/// <summary><c>upper</c> (or <c>case</c> with value <c>upper</c>): upper-cases with the invariant culture. Immutable and thread safe.</summary>
public sealed class UpperCaseTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "upper";

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        // The invariant culture keeps results independent of the server's locale (no Turkish dotless i surprises);
        // ToUpperInvariant returns the same instance when nothing changes.
        output = input?.ToUpperInvariant();
        failure = null;
        return true;
    }
}
