using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Concordat.Core.Audit;
using Concordat.Core.Federation;
using Concordat.Storage.Federation;

namespace Concordat.Server.Federation;

/// <summary>
/// Submits this node's newest signed checkpoint to the witnesses the configuration's policy names (each a member
/// whose organisation id is the witness's name; a node never witnesses its own log), per c2sp.org/tlog-witness:
/// <c>old</c> is the size the witness is believed to hold (0 at first; a 409 answer says the real one), with the
/// consistency proof from it. It checks each cosignature against the witness's key in the policy, and keeps the
/// checkpoint with its cosignatures once they meet the quorum (<see cref="WitnessedCheckpointFile"/>). Failures are
/// logged (witness, size and code only) and retried on the next round. Thread safe; rounds do not overlap.
/// </summary>
public sealed class WitnessSubmitter : IDisposable
{
    private readonly IAuditLog _log;
    private readonly FederationClient _client;
    private readonly FederationConfigurationService _configuration;
    private readonly WitnessedCheckpointFile _witnessed;
    private readonly ILogger<WitnessSubmitter> _logger;
    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly ConcurrentDictionary<string, long> _heldByWitness = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _lastFailure = new(StringComparer.Ordinal);
    private Pending? _pending;

    internal WitnessSubmitter(IAuditLog log, FederationClient client, FederationConfigurationService configuration, WitnessedCheckpointFile witnessed, ILogger<WitnessSubmitter> logger)
    {
        _log = log;
        _client = client;
        _configuration = configuration;
        _witnessed = witnessed;
        _logger = logger;
    }

    /// <summary>The newest checkpoint witnessed by a quorum, as a note with its cosignatures, or null.</summary>
    public string? Witnessed => _witnessed.Read();

    /// <summary>
    /// One round: submits the newest checkpoint to every witness that has not cosigned it yet, and keeps it once the
    /// quorum is met. Returns the quorum as it stands for that checkpoint, or null when there is nothing to submit.
    /// </summary>
    public async Task<WitnessQuorum?> SubmitAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            var usable = _configuration.Usable();
            if (!usable.IsSuccess || await _log.GetLatestCheckpointAsync(cancellationToken) is not { } latest)
            {
                return null;
            }

            var configuration = usable.Value.Configuration;
            var policy = configuration.WitnessPolicy;
            if (_pending is null || _pending.Checkpoint.TreeSize != latest.TreeSize || !_pending.Checkpoint.RootHash.AsSpan().SequenceEqual(latest.RootHash))
            {
                _pending = new Pending(latest, CheckpointNote.Format(latest, _log.PublicKey));
            }

            var pending = _pending;
            var witnesses = policy.Witnesses
                .Where(w => !pending.Cosignatures.ContainsKey(w.Name) && w.Name != _configuration.OrganisationId && configuration.FindMember(w.Name) is not null)
                .ToList();
            await Task.WhenAll(witnesses.Select(w => SubmitToAsync(w, pending, cancellationToken)));

            var note = CheckpointNote.WithCosignatures(pending.Note, pending.Cosignatures.Values);
            var quorum = Cosignature.CheckQuorum(SignedNote.Parse(Encoding.UTF8.GetBytes(note)).Value, policy, _configuration.OrganisationId);
            if (quorum.Satisfied && pending.Kept < pending.Cosignatures.Count + 1)
            {
                if (_witnessed.Advance(note, latest.TreeSize))
                {
                    var described = quorum.Describe();
                    WitnessLog.Witnessed(_logger, latest.TreeSize, described);
                }

                pending.Kept = pending.Cosignatures.Count + 1;
            }

            return quorum;
        }
        finally
        {
            _round.Release();
        }
    }

    private async Task SubmitToAsync(WitnessPolicyWitness witness, Pending pending, CancellationToken cancellationToken)
    {
        var size = pending.Checkpoint.TreeSize;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var old = _heldByWitness.GetValueOrDefault(witness.Name);
            IReadOnlyList<byte[]> proof = [];
            if (old > size)
            {
                Fail(witness.Name, size, "witness.ahead", $"the witness holds size {old}, above this log's newest checkpoint");
                WitnessLog.CannotProve(_logger, witness.Name, old, size, "this log's newest checkpoint is smaller");
                return;
            }

            if (old > 0 && old < size)
            {
                var consistency = await _log.GetConsistencyProofAsync(old, size, cancellationToken);
                if (!consistency.IsSuccess)
                {
                    WitnessLog.CannotProve(_logger, witness.Name, old, size, consistency.Errors[0].Message);
                    return;
                }

                proof = consistency.Value.Hashes;
            }

            using var content = new ByteArrayContent(new AddCheckpointRequest(old, proof, Encoding.UTF8.GetBytes(pending.Note)).Format());
            var sent = await _client.SendAsync(witness.Name, HttpMethod.Post, FederationEndpoints.Prefix.TrimStart('/') + WitnessEndpoints.AddCheckpointPath, content, cancellationToken);
            if (!sent.IsSuccess)
            {
                Fail(witness.Name, size, sent.Errors[0].Code, sent.Errors[0].Message);
                return;
            }

            using var response = sent.Value;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Conflict && response.Content.Headers.ContentType?.MediaType == WitnessEndpoints.SizeContentType
                && text.EndsWith('\n') && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var held))
            {
                _heldByWitness[witness.Name] = held;
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                var refusal = await FederationClient.RefusalAsync(witness.Name, new HttpResponseMessage(response.StatusCode) { Content = new StringContent(text) }, cancellationToken);
                Fail(witness.Name, size, refusal.Code, refusal.Message);
                return;
            }

            // The client must ignore cosignatures from unknown keys: keep only a line this witness's key verifies.
            string? accepted = null;
            foreach (var candidate in text.Split('\n').Where(l => l.Length > 0))
            {
                var parsed = SignedNote.Parse(Encoding.UTF8.GetBytes(pending.Checkpoint.Body() + "\n" + candidate + "\n"));
                if (parsed.IsSuccess && parsed.Value.Signatures.Count == 1 && Cosignature.Verify(witness.Key, parsed.Value.Text, parsed.Value.Signatures[0], out _))
                {
                    accepted = candidate + "\n";
                    break;
                }
            }

            if (accepted is null)
            {
                Fail(witness.Name, size, "witness.bad_cosignature", "the answer holds no cosignature by the witness's key in the policy");
                return;
            }

            _heldByWitness[witness.Name] = size;
            _lastFailure.TryRemove(witness.Name, out _);
            pending.Cosignatures[witness.Name] = accepted;
            return;
        }

        Fail(witness.Name, size, "witness.size_changing", "the witness's size changed between two attempts");
    }

    /// <inheritdoc />
    public void Dispose() => _round.Dispose();

    private void Fail(string witness, long size, string code, string detail)
    {
        // One line per change of a witness's failure, not one per round: a witness down for an hour logs once.
        if (_lastFailure.TryGetValue(witness, out var last) && last == code)
        {
            return;
        }

        _lastFailure[witness] = code;
        WitnessLog.SubmissionFailed(_logger, witness, size, code, detail);
    }

    private sealed class Pending(Checkpoint checkpoint, string note)
    {
        public Checkpoint Checkpoint { get; } = checkpoint;

        public string Note { get; } = note;

        public ConcurrentDictionary<string, string> Cosignatures { get; } = new(StringComparer.Ordinal);

        public int Kept { get; set; }
    }
}
