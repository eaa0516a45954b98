using System.Text.Json.Nodes;

namespace Concordat.Core.Exchange;

/// <summary>The answer to a look-up: the person's permitted fields, shaped by the agreement, and what the consumer may do with them.</summary>
/// <param name="AgreementId">The agreement the data was shared under.</param>
/// <param name="AgreementVersion">Its version at the time.</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="RetainUntil">The last day the consumer may keep the data.</param>
/// <param name="Records">
/// The person's records, each with only the permitted fields (transformed as the agreement says; fields without a
/// value are absent). One when the identifier is the dataset's key; several when a person has several records (for
/// example one per benefit claimed).
/// </param>
/// <param name="AuditIndex">The index of the audit entry recording this access.</param>
public sealed record LookupResult(string AgreementId, int AgreementVersion, string Purpose, DateOnly RetainUntil, IReadOnlyList<JsonObject> Records, long AuditIndex);
