namespace Concordat.Core.Linkage;

/// <summary>A page of the feed of person link changes.</summary>
/// <param name="Changes">Changes after the position asked for, in feed order.</param>
/// <param name="Latest">The feed's newest position when it was read (0 when empty).</param>
/// <param name="PrunedUpTo">Changes at or below this position have been pruned: a reader whose position is below it has missed some and must read the links whole.</param>
public sealed record PersonLinkChanges(IReadOnlyList<PersonLinkChange> Changes, long Latest, long PrunedUpTo);
