namespace Concordat.Core.Ingestion.Transforms;

/// <summary><c>trim</c>: removes leading and trailing white space; inner white space is kept. Immutable and thread safe.</summary>
public sealed class TrimTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "trim";

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        // string.Trim returns the same instance when there is nothing to remove.
        output = input?.Trim();
        failure = null;
        return true;
    }
}
