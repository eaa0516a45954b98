namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// A pure text-to-text step of a field mapping. Implementations are immutable and thread safe, so one instance
/// serves every row. Null input means the source had no value.
/// </summary>
public interface IValueTransform
{
    /// <summary>The transform name as written in mapping files.</summary>
    string Name { get; }

    /// <summary>Transforms a value. Returns false with a reason when the value cannot be transformed.</summary>
    bool TryApply(string? input, out string? output, out string? failure);
}
