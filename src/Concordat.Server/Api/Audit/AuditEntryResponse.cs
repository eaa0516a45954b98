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
/// <param name="ExchangePeer">For an exchange across federation nodes, the other node's organisation.</param>
/// <param name="ExchangeId">For an exchange across federation nodes, its id.</param>
/// <param name="RequestDigest">For an exchange across federation nodes, SHA-256 of the signed request, hex.</param>
/// <param name="ResponseDigest">For an exchange across federation nodes, SHA-256 of the signed response, hex (null when none was had).</param>
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
    string LeafHash,
    string? ExchangePeer = null,
    string? ExchangeId = null,
    string? RequestDigest = null,
    string? ResponseDigest = null)
{
    /// <summary>Projects a stored entry.</summary>
    public static AuditEntryResponse From(LoggedAuditEntry logged)
    {
        ArgumentNullException.ThrowIfNull(logged);
        var e = logged.Entry;
        return new(logged.Index, e.Time, e.ClientId, e.OrganisationId, e.AgreementId, e.Purpose, e.Action, e.DatasetId, e.Fields, e.Outcome,
            e.ReasonCode, e.SubjectKeys.Select(k => k.ToString()).ToList(), e.TraceId, Convert.ToHexStringLower(logged.LeafHash),
            e.Evidence?.PeerOrganisationId, e.Evidence?.ExchangeId,
            e.Evidence is { } evidence ? Convert.ToHexStringLower(evidence.RequestDigest.Span) : null,
            e.Evidence?.ResponseDigest is { } response ? Convert.ToHexStringLower(response.Span) : null);
    }
}
