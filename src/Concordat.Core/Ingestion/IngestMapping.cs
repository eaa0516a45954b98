namespace Concordat.Core.Ingestion;

/// <summary>A mapping file: how to read a source and how its columns become a dataset's schema fields.</summary>
public sealed record IngestMapping
{
    /// <summary>How to read the source.</summary>
    public SourceOptions Source { get; init; } = new();

    /// <summary>Full refresh (tombstone what is missing) or incremental.</summary>
    public RefreshMode Mode { get; init; } = RefreshMode.Full;

    /// <summary>Field mappings; schema fields not named here are left empty.</summary>
    public IReadOnlyList<FieldMapping> Fields { get; init; } = [];
}
