using System.Text;
using Concordat.Core.Federation;
using Concordat.Storage.Federation;

namespace Concordat.Server.Federation;

/// <summary>
/// This node as a witness of the other members' audit logs (c2sp.org/tlog-witness): it knows each member's log by the
/// origin and key the configuration held now lists, checks each submitted checkpoint against the one it last cosigned
/// for that log (<see cref="WitnessRules"/>), cosigns only a proven extension (or the same tree again), keeps the new
/// state on disk before the cosignature leaves, and records and logs a checkpoint that shows a rollback, a fork or a
/// rewrite. Thread safe; one per node.
/// </summary>
public sealed class WitnessService
{
    private readonly FederationConfigurationService _configuration;
    private readonly WitnessStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<WitnessService> _logger;

    internal WitnessService(FederationConfigurationService configuration, WitnessStore store, CosignatureSigner signer, TimeProvider time, ILogger<WitnessService> logger)
    {
        _configuration = configuration;
        _store = store;
        Signer = signer;
        _time = time;
        _logger = logger;
    }

    /// <summary>This node's cosigning key.</summary>
    public CosignatureSigner Signer { get; }

    /// <summary>The witness's state and reports.</summary>
    public WitnessStore Store => _store;

    /// <summary>Decides one add-checkpoint request from <paramref name="submitter"/> and, when it cosigns, returns the cosignature.</summary>
    public async Task<WitnessAnswer> AddCheckpointAsync(byte[] body, string submitter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var usable = _configuration.Usable();
        var members = usable.IsSuccess ? usable.Value.Configuration.Members : [];
        NoteVerifierKey? LogKey(string origin) => members.FirstOrDefault(m => string.Equals(m.AuditLog.Origin, origin, StringComparison.Ordinal))?.AuditLog.Key;

        if (OriginOf(body) is not { } origin)
        {
            // Malformed: the rules say why, with nothing held to compare.
            return new WitnessAnswer(WitnessRules.Decide(body, LogKey, _ => null), null);
        }

        string? cosignature = null;
        WitnessedLog? heldBefore = null;
        var verdict = await _store.UpdateAsync(origin, held =>
        {
            heldBefore = held;
            var decided = WitnessRules.Decide(body, LogKey, _ => held);
            if (decided.Outcome != WitnessOutcome.Cosign)
            {
                return ((WitnessedLog?)null, decided);
            }

            var checkpoint = decided.Checkpoint!;
            cosignature = Signer.Cosign(decided.Body!, _time.GetUtcNow());
            return (new WitnessedLog(origin, checkpoint.TreeSize, checkpoint.RootHash, Encoding.UTF8.GetString(AddCheckpointRequest.Parse(body).Value.Checkpoint)), decided);
        }, cancellationToken);

        if (verdict.Outcome == WitnessOutcome.Cosign)
        {
            WitnessLog.Cosigned(_logger, origin, verdict.Checkpoint!.TreeSize, submitter);
        }
        else if (verdict.Misbehaviour != WitnessMisbehaviour.None && heldBefore is not null)
        {
            var request = AddCheckpointRequest.Parse(body).Value;
            await _store.AppendReportAsync(new WitnessReport(_time.GetUtcNow(), origin, verdict.Misbehaviour, submitter, verdict.Detail, heldBefore.Note,
                Encoding.UTF8.GetString(request.Checkpoint), request.OldSize, [.. request.Proof.Select(Convert.ToBase64String)]), cancellationToken);
            var kind = verdict.Misbehaviour.ToString();
            WitnessLog.Misbehaviour(_logger, origin, kind, submitter, heldBefore.TreeSize, verdict.Checkpoint!.TreeSize, _store.ReportsPath);
        }
        else
        {
            var outcome = verdict.Outcome.ToString();
            WitnessLog.Refused(_logger, origin, submitter, outcome, verdict.Detail);
        }

        return new WitnessAnswer(verdict, cosignature);
    }

    private static string? OriginOf(byte[] body)
    {
        var request = AddCheckpointRequest.Parse(body);
        if (!request.IsSuccess)
        {
            return null;
        }

        var note = SignedNote.Parse(request.Value.Checkpoint);
        if (!note.IsSuccess)
        {
            return null;
        }

        var checkpoint = TlogCheckpoint.Parse(note.Value.Text);
        return checkpoint.IsSuccess ? checkpoint.Value.Origin : null;
    }
}
