using System.Text.Json.Nodes;
using Concordat.Core.Linkage;

namespace Concordat.Core.Exchange;

/// <summary>A record of the shared dataset that one consumer's record may describe, shaped by the agreement.</summary>
/// <param name="Probability">The match probability of the consumer's record and this one.</param>
/// <param name="Record">The record's permitted fields, transformed as the agreement says (what a look-up would return).</param>
/// <param name="Explanation">The waterfall; a comparison of a column the consumer did not send shows no value of the held record.</param>
public sealed record MatchedRecord(double Probability, JsonObject Record, PairExplanation Explanation);
