using Concordat.Core.Exchange;
using Concordat.Core.Linkage;

namespace Concordat.Server.Api.Persons;

/// <summary>The shared dataset's records one consumer record may describe, shaped by the agreement, likeliest first.</summary>
/// <param name="AgreementId">The agreement that permitted the match.</param>
/// <param name="Candidates">Each record's match probability, its permitted fields and the waterfall.</param>
/// <param name="RecordsScored">Records of the shared dataset scored.</param>
/// <param name="SkippedBlocks">Blocking rules left out because the record's block under them was over the hub's cap.</param>
/// <param name="AuditIndex">The audit entry of this access.</param>
public sealed record ConsumerMatchResponse(string AgreementId, IReadOnlyList<MatchedRecord> Candidates, int RecordsScored, IReadOnlyList<SkippedBlock> SkippedBlocks, long AuditIndex);
