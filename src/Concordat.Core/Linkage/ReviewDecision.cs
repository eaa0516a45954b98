namespace Concordat.Core.Linkage;

/// <summary>What a steward's review decision did.</summary>
/// <param name="Item">The decided review item.</param>
/// <param name="PersonId">
/// For an accepted pair, the person that now holds both records (joined at once); null when the pair could not be
/// joined yet (a record is not linked to a person, or no resolution has stored its settings), in which case the next
/// resolution joins them. Null for a rejected pair.
/// </param>
/// <param name="Merged">The person that was joined into <paramref name="PersonId"/> and no longer exists, if any.</param>
public sealed record ReviewDecision(ReviewItem Item, string? PersonId, string? Merged);
