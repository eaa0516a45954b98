namespace Concordat.Core.Audit;

/// <summary>What <see cref="AccessTally"/> counts audit entries by. Holds no subject and no free text.</summary>
/// <param name="AgreementId">The agreement the entry names, or null.</param>
/// <param name="OrganisationId">The organisation that asked.</param>
/// <param name="DatasetId">The dataset the entry names, or null.</param>
/// <param name="Month">The first day of the entry's month (UTC).</param>
/// <param name="Action">What was asked for.</param>
/// <param name="Outcome">Permitted or denied.</param>
/// <param name="ReasonCode">The entry's reason code, or null.</param>
public sealed record AccessCountKey(string? AgreementId, string OrganisationId, string? DatasetId, DateOnly Month, string Action, AuditOutcome Outcome, string? ReasonCode);
