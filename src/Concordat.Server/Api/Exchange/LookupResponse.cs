using System.Text.Json.Nodes;

namespace Concordat.Server.Api.Exchange;

/// <summary>One person's permitted fields and the terms they come with.</summary>
/// <param name="AgreementId">The agreement the data is shared under.</param>
/// <param name="AgreementVersion">Its version.</param>
/// <param name="Purpose">The purpose the data may be used for.</param>
/// <param name="RetainUntil">The last day the consumer may keep the data.</param>
/// <param name="Records">The person's records (one per record the provider holds, e.g. per benefit), each with only the permitted fields, transformed as the agreement says.</param>
/// <param name="AuditIndex">The audit log entry recording this access; its inclusion proof is at /api/v1/audit.</param>
public sealed record LookupResponse(string AgreementId, int AgreementVersion, string Purpose, DateOnly RetainUntil, IReadOnlyList<JsonObject> Records, long AuditIndex);
