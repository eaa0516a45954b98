using Concordat.Core.Linkage;

namespace Concordat.Server.Api.Persons;

/// <summary>The candidate persons for one record, likeliest first.</summary>
/// <param name="Candidates">Each person with its best record, the match probability and the waterfall.</param>
/// <param name="PersonsIndexed">Persons the index held when it answered.</param>
/// <param name="RecordsScored">Held records scored against the query.</param>
/// <param name="SkippedBlocks">Blocking rules left out because the query's block under them held more records than the hub's cap (<c>Concordat:PersonMatch:MaxBlockRecords</c>); empty when none was.</param>
public sealed record PersonMatchResponse(IReadOnlyList<PersonCandidate> Candidates, int PersonsIndexed, int RecordsScored, IReadOnlyList<SkippedBlock> SkippedBlocks);
