namespace Concordat.Core.Ingestion;

/// <summary>How one schema field is filled from the source: the column it comes from and the transforms applied in order.</summary>
/// <param name="Field">The schema field to fill.</param>
public sealed record FieldMapping(string Field)
{
    /// <summary>The source column; defaults to the field name.</summary>
    public string? From { get; init; }

    /// <summary>Transforms applied in order to the raw text.</summary>
    public IReadOnlyList<TransformSpec> Transforms { get; init; } = [];
}
