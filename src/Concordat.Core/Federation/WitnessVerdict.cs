namespace Concordat.Core.Federation;

/// <summary>A witness's decision on one <c>add-checkpoint</c> request.</summary>
/// <param name="Outcome">The answer and its HTTP status.</param>
/// <param name="Detail">Why, in one sentence.</param>
/// <param name="Checkpoint">The checkpoint, once its log signature verified.</param>
/// <param name="Body">The checkpoint's note body (the text cosignatures cover), once its log signature verified.</param>
/// <param name="HeldSize">The size last cosigned for the log (0 for none): the 409 answer's body.</param>
/// <param name="Misbehaviour">What the refusal shows about the log, to report.</param>
public sealed record WitnessVerdict(WitnessOutcome Outcome, string Detail, TlogCheckpoint? Checkpoint, string? Body, long HeldSize, WitnessMisbehaviour Misbehaviour);
