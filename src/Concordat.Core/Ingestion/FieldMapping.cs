namespace Concordat.Core.Ingestion;

/// <summary>How one schema field is filled from the source: the column it comes from and the transforms applied in order.</summary>
/// <param name="Field">The schema field to fill.</param>
public sealed record FieldMapping(string Field)
{
    /// <summary>The source column; defaults to the field name.</summary>
    public string? From { get; init; }

    /// <summary>Transforms applied in order to the raw text.</summary>
    public IReadOnlyList<TransformSpec> Transforms { get; init; } = [];

    /// <summary>
    /// For sources whose columns are paths (JSON lines, XML): true when the source may leave the column out of every
    /// row of a run, as an export that omits empty elements does for a small file. Without it, a path that no row of
    /// a run has fails the run as a likely typo. CSV, fixed-width and SQL sources must have the column regardless.
    /// </summary>
    public bool Optional { get; init; }
}
