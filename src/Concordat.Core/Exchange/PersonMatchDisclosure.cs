using Concordat.Core.Linkage;

namespace Concordat.Core.Exchange;

/// <summary>What a consumer's match under an agreement disclosed, and the audit entry that recorded it.</summary>
/// <param name="AgreementId">The agreement that permitted it.</param>
/// <param name="Candidates">The shared dataset's records the consumer's record may describe, likeliest first (one per person).</param>
/// <param name="RecordsScored">Records of the shared dataset scored against the consumer's record.</param>
/// <param name="SkippedBlocks">Blocking rules left out because their block for this record was over the hub's cap.</param>
/// <param name="AuditIndex">The audit entry of this access.</param>
public sealed record PersonMatchDisclosure(string AgreementId, IReadOnlyList<MatchedRecord> Candidates, int RecordsScored, IReadOnlyList<SkippedBlock> SkippedBlocks, long AuditIndex);
