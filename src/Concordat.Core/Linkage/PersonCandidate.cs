namespace Concordat.Core.Linkage;

/// <summary>A person a record may belong to, represented by the person's record most like it.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="Record">The person's record that scored best against the query.</param>
/// <param name="Probability">The match probability of the query and that record.</param>
/// <param name="Explanation">How that probability builds up, comparison by comparison (the waterfall; left is the query).</param>
public sealed record PersonCandidate(string PersonId, RecordRef Record, double Probability, PairExplanation Explanation);
