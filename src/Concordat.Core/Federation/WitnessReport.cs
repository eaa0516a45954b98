namespace Concordat.Core.Federation;

/// <summary>
/// What a witness records when a log shows misbehaviour: both signed statements (the checkpoint it had cosigned and
/// the one it refused), so anyone holding the log's key can check them, and what the submitter claimed.
/// </summary>
/// <param name="Time">When the witness refused it (UTC).</param>
/// <param name="Origin">The log.</param>
/// <param name="Kind">What the refused checkpoint shows.</param>
/// <param name="Submitter">The member that submitted it (the organisation its certificate proves).</param>
/// <param name="Detail">The refusal, in one sentence.</param>
/// <param name="HeldNote">The checkpoint note the witness had cosigned for the log.</param>
/// <param name="OfferedNote">The refused checkpoint note, log signature included.</param>
/// <param name="OldSize">The old size the request named.</param>
/// <param name="Proof">The request's consistency proof, base64 hashes.</param>
public sealed record WitnessReport(
    DateTimeOffset Time,
    string Origin,
    WitnessMisbehaviour Kind,
    string Submitter,
    string Detail,
    string HeldNote,
    string OfferedNote,
    long OldSize,
    IReadOnlyList<string> Proof);
