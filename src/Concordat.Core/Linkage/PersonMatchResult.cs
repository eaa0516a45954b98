namespace Concordat.Core.Linkage;

/// <summary>What one match found, and what it left out.</summary>
/// <param name="Candidates">The candidate persons, likeliest first.</param>
/// <param name="RecordsScored">Held records scored against the query (its candidates before grouping into persons).</param>
/// <param name="SkippedBlocks">Blocks left out because they held more records than the cap; empty when none was.</param>
public sealed record PersonMatchResult(IReadOnlyList<PersonCandidate> Candidates, int RecordsScored, IReadOnlyList<SkippedBlock> SkippedBlocks);
