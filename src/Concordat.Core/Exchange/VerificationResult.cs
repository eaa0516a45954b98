namespace Concordat.Core.Exchange;

/// <summary>The answer to a verification: per claimed field, matched or not, and no data.</summary>
/// <param name="AgreementId">The agreement relied on.</param>
/// <param name="RecordFound">False when no record holds the identifier (every claim is then not held).</param>
/// <param name="Claims">The outcome per claimed field, in request order.</param>
/// <param name="AuditIndex">The index of the audit entry recording this access.</param>
public sealed record VerificationResult(string AgreementId, bool RecordFound, IReadOnlyList<KeyValuePair<string, ClaimOutcome>> Claims, long AuditIndex);
