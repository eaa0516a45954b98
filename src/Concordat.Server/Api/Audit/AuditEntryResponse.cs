using Concordat.Core.Audit;

namespace Concordat.Server.Api.Audit;

/// <summary>An audit entry as the API shows it (the export line's members).</summary>
/// <param name="Index">Position in the log.</param>
/// <param name="Time">When the access happened (UTC).</param>
/// <param name="ClientId">The client that asked.</param>
/// <param name="OrganisationId">Its organisation.</param>
/// <param name="AgreementId">The agreement applied, if any.</param>
/// <param name="Purpose">Stated purpose.</param>
/// <param name="Action">What was asked.</param>
/// <param name="DatasetId">Dataset concerned, if any.</param>
/// <param name="Fields">Fields disclosed or asked for.</param>
/// <param name="Outcome">permitted or denied.</param>
/// <param name="ReasonCode">Why, for a denial.</param>
/// <param name="SubjectKeys">Keyed subject keys, hex.</param>
/// <param name="TraceId">The request's trace id.</param>
/// <param name="LeafHash">The stored leaf hash, hex.</param>
public sealed record AuditEntryResponse(
    long Index,
    DateTimeOffset Time,
    string ClientId,
    string OrganisationId,
    string? AgreementId,
    string Purpose,
    string Action,
    string? DatasetId,
    IReadOnlyList<string> Fields,
    AuditOutcome Outcome,
    string? ReasonCode,
    IReadOnlyList<string> SubjectKeys,
    string? TraceId,
    string LeafHash)
{
    /// <summary>Projects a stored entry.</summary>
    public static AuditEntryResponse From(LoggedAuditEntry logged)
    {
        ArgumentNullException.ThrowIfNull(logged);
        var e = logged.Entry;
        return new(logged.Index, e.Time, e.ClientId, e.OrganisationId, e.AgreementId, e.Purpose, e.Action, e.DatasetId, e.Fields, e.Outcome,
            e.ReasonCode, e.SubjectKeys.Select(k => k.ToString()).ToList(), e.TraceId, Convert.ToHexStringLower(logged.LeafHash));
    }
}
