namespace Concordat.Core.Catalogue;

/// <summary>A named, versioned collection of records with a schema, owned by one organisation.</summary>
/// <param name="Id">Stable slug, unique across the hub, e.g. <c>hmrc-taxpayers</c>.</param>
/// <param name="OrganisationId">The owning organisation.</param>
/// <param name="Title">Human title.</param>
/// <param name="Schema">The current schema.</param>
public sealed record Dataset(string Id, string OrganisationId, string Title, DatasetSchema Schema)
{
    /// <summary>What the dataset holds and why.</summary>
    public string? Description { get; init; }

    /// <summary>Schema version, starting at 1 and incremented on every schema change.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Keywords for the catalogue.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>When the dataset was registered (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the dataset or its schema last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
