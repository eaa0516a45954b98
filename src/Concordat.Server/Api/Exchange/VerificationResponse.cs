using Concordat.Core.Exchange;

namespace Concordat.Server.Api.Exchange;

/// <summary>Per claim, matched or not; never the held values.</summary>
/// <param name="AgreementId">The agreement relied on.</param>
/// <param name="RecordFound">Whether a record holds the identifier.</param>
/// <param name="Claims">Field name to outcome (matched, notMatched, notHeld).</param>
/// <param name="AuditIndex">The audit log entry recording this access.</param>
public sealed record VerificationResponse(string AgreementId, bool RecordFound, IReadOnlyDictionary<string, ClaimOutcome> Claims, long AuditIndex);
