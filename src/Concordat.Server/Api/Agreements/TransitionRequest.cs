namespace Concordat.Server.Api.Agreements;

/// <summary>Body of a lifecycle step (submit, suspend, resume, revoke, rotate a key).</summary>
/// <param name="Reason">Why, for the history; required for suspend, resume, revoke and key rotation.</param>
public sealed record TransitionRequest(string? Reason);
