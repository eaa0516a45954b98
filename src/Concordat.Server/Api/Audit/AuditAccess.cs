using Concordat.Core.Audit;

namespace Concordat.Server.Api.Audit;

/// <summary>What a request handler knows about an access; <see cref="AuditTrail"/> adds who, when and the trace id.</summary>
/// <param name="Action">What was asked for: lookup, extract, aggregate...</param>
/// <param name="Purpose">The purpose the consumer stated.</param>
/// <param name="AgreementId">The agreement applied, or null.</param>
/// <param name="DatasetId">The dataset concerned, or null.</param>
/// <param name="Fields">Fields disclosed (or asked for, when denied).</param>
/// <param name="Outcome">Permitted or denied.</param>
/// <param name="ReasonCode">Why, for a denial.</param>
/// <param name="SubjectKeys">The people touched, from <see cref="AuditTrail.SubjectKey"/>.</param>
public sealed record AuditAccess(
    string Action,
    string Purpose,
    string? AgreementId,
    string? DatasetId,
    IReadOnlyList<string> Fields,
    AuditOutcome Outcome,
    string? ReasonCode,
    IReadOnlyList<SubjectKey> SubjectKeys);
