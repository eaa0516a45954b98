using Concordat.Core.Audit;

namespace Concordat.Server.Citizen;

/// <summary>One access to a citizen's data, as the citizen sees it.</summary>
/// <param name="Index">The audit log index (the paging cursor).</param>
/// <param name="Time">When.</param>
/// <param name="OrganisationId">Which organisation.</param>
/// <param name="Organisation">Its name.</param>
/// <param name="AgreementId">Under which agreement, when one was named.</param>
/// <param name="AgreementTitle">The agreement's title when it is on the public register; null otherwise.</param>
/// <param name="Purpose">The purpose the organisation gave.</param>
/// <param name="Action">What it did: lookup, verify, extract, subject-access.</param>
/// <param name="DatasetId">Which dataset.</param>
/// <param name="Fields">Which fields.</param>
/// <param name="Outcome">Whether it was permitted or refused.</param>
public sealed record CitizenAccess(
    long Index,
    DateTimeOffset Time,
    string OrganisationId,
    string Organisation,
    string? AgreementId,
    string? AgreementTitle,
    string Purpose,
    string Action,
    string? DatasetId,
    IReadOnlyList<string> Fields,
    AuditOutcome Outcome);
