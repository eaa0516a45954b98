using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Audit;
using Concordat.Core.Federation;
using CsCheck;

namespace Concordat.Core.Tests.Federation;

/// <summary>The witness's checks on add-checkpoint (c2sp.org/tlog-witness), with the status each refusal carries.</summary>
public sealed class WitnessRulesTests : IDisposable
{
    private const string Origin = "hmrc.concordat/audit";
    private readonly AuditSigningKey _key = AuditSigningKey.Create();
    private readonly MerkleTree _tree = new();
    private readonly DateTimeOffset _start = DateTimeOffset.Parse("2026-12-07T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public WitnessRulesTests()
    {
        for (var i = 0; i < 40; i++)
        {
            _tree.Append(MerkleHashes.Leaf(Encoding.UTF8.GetBytes($"entry {i}")));
        }
    }

    public void Dispose() => _key.Dispose();

    [Fact]
    public void The_first_checkpoint_of_a_log_is_cosigned_from_old_size_zero_with_an_empty_proof()
    {
        var verdict = Decide(Request(0, [], Note(10)), held: null);
        Assert.Equal(WitnessOutcome.Cosign, verdict.Outcome);
        Assert.Equal(10, verdict.Checkpoint!.TreeSize);

        Assert.Equal(WitnessOutcome.ProofInvalid, Decide(Request(0, [new byte[32]], Note(10)), held: null).Outcome);
    }

    [Fact]
    public void A_checkpoint_that_a_valid_proof_shows_extends_the_one_held_is_cosigned()
    {
        var verdict = Decide(Request(10, _tree.ConsistencyProof(10, 25), Note(25)), Held(10));
        Assert.Equal(WitnessOutcome.Cosign, verdict.Outcome);
        Assert.Equal(WitnessMisbehaviour.None, verdict.Misbehaviour);
    }

    [Fact]
    public void An_old_size_other_than_the_one_held_is_409_with_the_size_held()
    {
        var verdict = Decide(Request(0, [], Note(25)), Held(10));
        Assert.Equal(WitnessOutcome.Conflict, verdict.Outcome);
        Assert.Equal(10, verdict.HeldSize);
        Assert.Equal(WitnessMisbehaviour.None, verdict.Misbehaviour);
    }

    [Fact]
    public void An_unknown_origin_is_404_and_a_checkpoint_not_signed_by_the_logs_key_is_403()
    {
        Assert.Equal(WitnessOutcome.UnknownLog, WitnessRules.Decide(Request(0, [], Note(10)), _ => null, _ => null).Outcome);

        using var impostor = AuditSigningKey.Create();
        var forged = CheckpointNote.Format(impostor.Sign(Origin, 10, _tree.RootHash(10), _start), impostor.PublicKey);
        Assert.Equal(WitnessOutcome.BadSignature, Decide(Request(0, [], forged), held: null).Outcome);

        // The right signature over an altered body does not verify either.
        var altered = Note(10).Replace("\n10\n", "\n11\n", StringComparison.Ordinal);
        Assert.Equal(WitnessOutcome.BadSignature, Decide(Request(0, [], altered), held: null).Outcome);
    }

    [Fact]
    public void An_old_size_above_the_checkpoints_size_is_400()
    {
        Assert.Equal(WitnessOutcome.BadRequest, Decide(Request(30, [], Note(25)), Held(30)).Outcome);
    }

    [Fact]
    public void A_proof_that_does_not_verify_is_422_and_reported_as_an_inconsistent_log()
    {
        var proof = _tree.ConsistencyProof(10, 25).Select(h => h.ToArray()).ToList();
        proof[^1][0] ^= 1;
        var verdict = Decide(Request(10, proof, Note(25)), Held(10));
        Assert.Equal(WitnessOutcome.ProofInvalid, verdict.Outcome);
        Assert.Equal(WitnessMisbehaviour.Inconsistent, verdict.Misbehaviour);

        // A log that rewrote entry 3 cannot prove its new tree extends the one cosigned.
        var rewritten = new MerkleTree();
        for (var i = 0; i < 25; i++)
        {
            rewritten.Append(MerkleHashes.Leaf(Encoding.UTF8.GetBytes(i == 3 ? "rewritten" : $"entry {i}")));
        }

        var note = CheckpointNote.Format(_key.Sign(Origin, 25, rewritten.RootHash(25), _start.AddMinutes(5)), _key.PublicKey);
        var rewrite = Decide(Request(10, rewritten.ConsistencyProof(10, 25), note), Held(10));
        Assert.Equal(WitnessOutcome.ProofInvalid, rewrite.Outcome);
        Assert.Equal(WitnessMisbehaviour.Inconsistent, rewrite.Misbehaviour);
    }

    [Fact]
    public void Two_trees_of_one_size_are_409_and_reported_as_a_fork_whatever_old_size_the_caller_names()
    {
        var fork = CheckpointNote.Format(_key.Sign(Origin, 10, SHA256.HashData("other"u8), _start.AddMinutes(1)), _key.PublicKey);
        foreach (var (old, outcome) in new[] { (10L, WitnessOutcome.RootConflict), (0L, WitnessOutcome.Conflict) })
        {
            var verdict = Decide(Request(old, [], fork), Held(10));
            Assert.Equal(outcome, verdict.Outcome);
            Assert.Equal(WitnessMisbehaviour.Fork, verdict.Misbehaviour);
        }

        // The same tree again is cosigned again.
        Assert.Equal(WitnessOutcome.Cosign, Decide(Request(10, [], Note(10)), Held(10)).Outcome);
    }

    [Fact]
    public void A_smaller_tree_signed_later_is_a_rollback_but_an_older_checkpoint_replayed_is_not()
    {
        var later = CheckpointNote.Format(_key.Sign(Origin, 5, _tree.RootHash(5), _start.AddMinutes(10)), _key.PublicKey);
        var rollback = Decide(Request(0, [], later), Held(10));
        Assert.Equal(WitnessOutcome.Conflict, rollback.Outcome);
        Assert.Equal(WitnessMisbehaviour.Rollback, rollback.Misbehaviour);
        Assert.Equal(WitnessMisbehaviour.Rollback, Decide(Request(10, [], later), Held(10)).Misbehaviour);

        var earlier = CheckpointNote.Format(_key.Sign(Origin, 5, _tree.RootHash(5), _start.AddMinutes(-10)), _key.PublicKey);
        Assert.Equal(WitnessMisbehaviour.None, Decide(Request(0, [], earlier), Held(10)).Misbehaviour);
    }

    [Theory]
    [InlineData("old 01\n\nx")]
    [InlineData("old -1\n\n")]
    [InlineData("old 3\nnot base64\n\n")]
    [InlineData("old 3\n")]
    [InlineData("new 3\n\n")]
    [InlineData("old 3\r\n\r\n")]
    public void A_body_not_of_the_specifications_form_is_400(string body)
    {
        Assert.Equal(WitnessOutcome.BadRequest, WitnessRules.Decide(Encoding.UTF8.GetBytes(body), _ => null, _ => null).Outcome);
    }

    [Fact]
    public void More_than_63_proof_lines_are_refused()
    {
        var proof = Enumerable.Range(0, 64).Select(_ => new byte[32]).ToList();
        Assert.Equal(WitnessOutcome.BadRequest, Decide(Request(10, proof, Note(25)), Held(10)).Outcome);
        Assert.Equal(64, AddCheckpointRequest.Parse(Request(10, proof[..63], Note(25))).Value.Proof.Count + 1);
    }

    [Fact]
    public void Any_extension_with_its_proof_is_cosigned_and_any_changed_proof_byte_is_refused()
    {
        Gen.Select(Gen.Long[1, 39], Gen.Long[1, 40], Gen.Int[0, 10_000]).Where((m, n, _) => m < n).Sample((m, n, flip) =>
        {
            var proof = _tree.ConsistencyProof(m, n);
            if (Decide(Request(m, proof, Note(n)), Held(m)).Outcome != WitnessOutcome.Cosign)
            {
                return false;
            }

            if (proof.Count == 0)
            {
                return true;
            }

            var changed = proof.Select(h => h.ToArray()).ToList();
            changed[flip % changed.Count][flip % 32] ^= (byte)(1 << (flip % 8));
            return Decide(Request(m, changed, Note(n)), Held(m)).Outcome == WitnessOutcome.ProofInvalid;
        }, iter: 200);
    }

    private string Note(long size) => CheckpointNote.Format(_key.Sign(Origin, size, _tree.RootHash(size), _start.AddSeconds(size)), _key.PublicKey);

    private WitnessedLog Held(long size) => new(Origin, size, _tree.RootHash(size), Note(size));

    private static byte[] Request(long old, IReadOnlyList<byte[]> proof, string note) => new AddCheckpointRequest(old, proof, Encoding.UTF8.GetBytes(note)).Format();

    private WitnessVerdict Decide(byte[] body, WitnessedLog? held) =>
        WitnessRules.Decide(body, origin => origin == Origin ? AuditLogVerifierKey.For(_key.PublicKey, Origin) : null, _ => held);
}
