namespace Concordat.Server.Api.Persons;

/// <summary>A steward's decision on a review item.</summary>
/// <param name="Decision"><c>accept</c> (the same person) or <c>reject</c> (different people).</param>
/// <param name="Reason">Why, kept with the decision (at most 2,000 characters).</param>
public sealed record ReviewDecisionRequest(string? Decision, string? Reason = null);
