using Concordat.Core.Audit;

namespace Concordat.Core.Federation;

/// <summary>
/// The checks a witness makes on an <c>add-checkpoint</c> request, in the order c2sp.org/tlog-witness gives them,
/// as a pure function of the request, the log keys the witness trusts and what it last cosigned for the log. The
/// caller makes the decision and the update of <see cref="WitnessedLog"/> atomic.
/// </summary>
public static class WitnessRules
{
    /// <summary>Decides a request.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="logKey">The key trusted for an origin, or null for an unknown log.</param>
    /// <param name="held">What was last cosigned for an origin, or null for nothing yet.</param>
    public static WitnessVerdict Decide(ReadOnlySpan<byte> body, Func<string, NoteVerifierKey?> logKey, Func<string, WitnessedLog?> held)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        ArgumentNullException.ThrowIfNull(held);
        var request = AddCheckpointRequest.Parse(body);
        if (!request.IsSuccess)
        {
            return Refuse(WitnessOutcome.BadRequest, request.Errors[0].Message);
        }

        var parsed = SignedNote.Parse(request.Value.Checkpoint);
        if (!parsed.IsSuccess)
        {
            return Refuse(WitnessOutcome.BadRequest, parsed.Errors[0].Message);
        }

        var unverified = TlogCheckpoint.Parse(parsed.Value.Text);
        if (!unverified.IsSuccess)
        {
            return Refuse(WitnessOutcome.BadRequest, unverified.Errors[0].Message);
        }

        var origin = unverified.Value.Origin;
        if (logKey(origin) is not { } key)
        {
            return Refuse(WitnessOutcome.UnknownLog, $"'{origin}' is no log this witness knows.");
        }

        var opened = SignedNote.Open(request.Value.Checkpoint, [key]);
        if (!opened.IsSuccess)
        {
            return Refuse(WitnessOutcome.BadSignature, $"The checkpoint carries no valid signature by the key of '{origin}'.");
        }

        var checkpoint = unverified.Value;
        var text = opened.Value.Text;
        var old = request.Value.OldSize;
        var proof = request.Value.Proof;
        var last = held(origin);
        var heldSize = last?.TreeSize ?? 0;
        WitnessVerdict Verdict(WitnessOutcome outcome, string detail, WitnessMisbehaviour misbehaviour = WitnessMisbehaviour.None) =>
            new(outcome, detail, checkpoint, text, heldSize, misbehaviour);

        // What the signed checkpoint shows about the log, whatever the caller claimed as the old size.
        var shown = Misbehaviour(last, checkpoint, text);
        if (old > checkpoint.TreeSize)
        {
            return Verdict(WitnessOutcome.BadRequest, $"The old size {old} is above the checkpoint's size {checkpoint.TreeSize}.", shown);
        }

        if (old != heldSize)
        {
            return Verdict(WitnessOutcome.Conflict, $"The latest checkpoint cosigned for '{origin}' has size {heldSize}, not {old}.", shown);
        }

        if (last is null)
        {
            // Nothing cosigned yet: the first checkpoint is taken on trust, and the proof must be empty.
            return proof.Count == 0
                ? Verdict(WitnessOutcome.Cosign, "First checkpoint of this log.")
                : Verdict(WitnessOutcome.ProofInvalid, "A proof from size 0 must be empty.");
        }

        if (checkpoint.TreeSize == last.TreeSize)
        {
            if (!checkpoint.RootHash.AsSpan().SequenceEqual(last.RootHash))
            {
                return Verdict(WitnessOutcome.RootConflict, $"A checkpoint of size {checkpoint.TreeSize} with another root than the one cosigned.", WitnessMisbehaviour.Fork);
            }

            return proof.Count == 0
                ? Verdict(WitnessOutcome.Cosign, "The same tree as cosigned before.")
                : Verdict(WitnessOutcome.ProofInvalid, "A proof between equal sizes must be empty.");
        }

        return MerkleProofs.VerifyConsistency(last.TreeSize, checkpoint.TreeSize, proof, last.RootHash, checkpoint.RootHash)
            ? Verdict(WitnessOutcome.Cosign, $"Size {checkpoint.TreeSize} extends size {last.TreeSize}.")
            : Verdict(WitnessOutcome.ProofInvalid, $"The consistency proof from size {last.TreeSize} to {checkpoint.TreeSize} does not verify.", WitnessMisbehaviour.Inconsistent);
    }

    private static WitnessMisbehaviour Misbehaviour(WitnessedLog? last, TlogCheckpoint offered, string offeredText)
    {
        if (last is null)
        {
            return WitnessMisbehaviour.None;
        }

        if (offered.TreeSize == last.TreeSize)
        {
            return offered.RootHash.AsSpan().SequenceEqual(last.RootHash) ? WitnessMisbehaviour.None : WitnessMisbehaviour.Fork;
        }

        if (offered.TreeSize > last.TreeSize)
        {
            return WitnessMisbehaviour.None;
        }

        // A smaller tree is a rollback only when the log signed it after the larger one; an older checkpoint
        // replayed by anyone is not. Concordat checkpoints carry their signing time (CheckpointBody's time line).
        var heldBody = SignedNote.Parse(System.Text.Encoding.UTF8.GetBytes(last.Note));
        if (!heldBody.IsSuccess)
        {
            return WitnessMisbehaviour.None;
        }

        var before = CheckpointBody.Parse(heldBody.Value.Text);
        var after = CheckpointBody.Parse(offeredText);
        return before.IsSuccess && after.IsSuccess && after.Value.Time > before.Value.Time ? WitnessMisbehaviour.Rollback : WitnessMisbehaviour.None;
    }

    private static WitnessVerdict Refuse(WitnessOutcome outcome, string detail) => new(outcome, detail, null, null, 0, WitnessMisbehaviour.None);
}
