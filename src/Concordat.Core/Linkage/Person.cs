namespace Concordat.Core.Linkage;

/// <summary>A resolved person: the records held about them and the golden record built from those records.</summary>
public sealed record Person
{
    /// <summary>Stable id: kept across runs while any of its records stays linked to it.</summary>
    public required string PersonId { get; init; }

    /// <summary>The person's records, ordered.</summary>
    public required IReadOnlyList<RecordRef> Records { get; init; }

    /// <summary>The golden record: one value per field, chosen by survivorship.</summary>
    public required IReadOnlyDictionary<string, string?> Golden { get; init; }

    /// <summary>Which record each golden value came from.</summary>
    public required IReadOnlyDictionary<string, RecordRef> GoldenSources { get; init; }
}
