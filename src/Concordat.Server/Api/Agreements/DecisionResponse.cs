using Concordat.Core.Governance;

namespace Concordat.Server.Api.Agreements;

/// <summary>A policy decision on the wire.</summary>
/// <param name="Permitted">Whether the request is permitted.</param>
/// <param name="Obligations">What must be done with a permitted request.</param>
/// <param name="Reason">The deny code, e.g. <c>policy.agreement_expired</c>.</param>
/// <param name="Message">Why it was denied.</param>
public sealed record DecisionResponse(bool Permitted, Obligations? Obligations, string? Reason, string? Message)
{
    /// <summary>Maps a decision.</summary>
    public static DecisionResponse From(PolicyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(decision.IsPermitted, decision.Obligations, decision.ReasonCode, decision.Message);
    }
}
