namespace Concordat.Core.Governance;

/// <summary>Everything the policy engine needs to decide one request; gathered by the caller, so the decision is pure.</summary>
/// <param name="ClientId">The authenticated client asking.</param>
/// <param name="OrganisationId">The organisation the client acts for (from its token).</param>
/// <param name="Agreement">The agreement the request names, as stored; null when none was named or it does not exist.</param>
/// <param name="DatasetId">The dataset asked for.</param>
/// <param name="RequestedFields">The fields asked for; empty means every field the agreement shares for the dataset.</param>
/// <param name="PurposeCode">The purpose the client states for this request.</param>
/// <param name="Time">The request time (from the injected clock).</param>
/// <param name="Consent">The consent state of the person the request concerns, or not applicable for many people.</param>
public sealed record PolicyRequest(
    string ClientId,
    string OrganisationId,
    Agreement? Agreement,
    string DatasetId,
    IReadOnlyList<string> RequestedFields,
    string PurposeCode,
    DateTimeOffset Time,
    SubjectConsent Consent = SubjectConsent.NotApplicable);
