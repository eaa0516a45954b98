namespace Concordat.Core.Ingestion.Transforms;

/// <summary><c>emptyToNull</c>: an empty or white-space-only value becomes no value. Immutable and thread safe.</summary>
public sealed class EmptyToNullTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "emptyToNull";

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        output = string.IsNullOrWhiteSpace(input) ? null : input;
        failure = null;
        return true;
    }
}
