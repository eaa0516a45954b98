using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concordat.Core.Audit;
using Concordat.Core.Federation;
using Concordat.Server.Federation;
using Concordat.Storage.Audit;
using Concordat.Storage.Federation;
using Concordat.Storage.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Concordat.Server.Tests.Federation;

/// <summary>
/// Witnessed audit logs on a three-node loopback federation (c2sp.org/tlog-witness, tlog-cosignature): every node is a
/// witness of the others' logs and the policy needs two cosignatures, so each node's checkpoint counts once both
/// other members cosigned it. DWP's node also plays a log that forks, rolls back and rewrites, with its real key.
/// </summary>
public sealed class WitnessedLogTests : IAsyncLifetime
{
    private const string DwpOrigin = "dwp.concordat/audit";
    private static readonly string AddCheckpoint = FederationEndpoints.Prefix.TrimStart('/') + "/witness/add-checkpoint";
    private readonly FederationNetwork _network = new();
    private FederationNode _dwp = null!;
    private FederationNode _leeds = null!;
    private FederationNode _hmrc = null!;
    private WitnessPolicy _policy = null!;

    public async Task InitializeAsync()
    {
        string[] members = ["dwp", "leeds-council", "hmrc"];
        foreach (var organisation in members)
        {
            _network.Prepare(organisation);
        }

        _policy = _network.WitnessPolicyOf(members, threshold: 2);
        _network.Publish(_network.Configuration(members, witnessPolicy: _policy));
        _dwp = await _network.StartAsync("dwp", seedDemo: true);
        _leeds = await _network.StartAsync("leeds-council");
        _hmrc = await _network.StartAsync("hmrc");
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_checkpoint_counts_once_the_other_two_members_cosigned_it_and_later_ones_are_cosigned_as_proven_extensions()
    {
        using var admin = await _dwp.AsAsync("hub-admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/audit/checkpoints/witnessed")).StatusCode);

        var first = await GrowAsync(_dwp, 5);
        var quorum = await Submitter(_dwp).SubmitAsync(CancellationToken.None);

        Assert.NotNull(quorum);
        Assert.True(quorum.Satisfied, quorum.Describe());
        Assert.Equal(["hmrc", "leeds-council"], quorum.Cosigned);
        Assert.Empty(quorum.Missing); // a node never witnesses its own log: its own witness is not counted
        AssertWitnessed(Submitter(_dwp).Witnessed, first);
        Assert.Equal(first.TreeSize, Witness(_hmrc).Store.Read(DwpOrigin)!.TreeSize);
        Assert.Equal(first.TreeSize, Witness(_leeds).Store.Read(DwpOrigin)!.TreeSize);

        // The next checkpoint goes with a consistency proof from the size each witness holds.
        var second = await GrowAsync(_dwp, 7);
        Assert.True((await Submitter(_dwp).SubmitAsync(CancellationToken.None))!.Satisfied);
        var note = Submitter(_dwp).Witnessed;
        AssertWitnessed(note, second);
        Assert.Equal(second.RootHash, Witness(_hmrc).Store.Read(DwpOrigin)!.RootHash);

        // The public API serves it to auditors, byte for byte.
        var served = await admin.GetAsync("/api/v1/audit/checkpoints/witnessed");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(note, await served.Content.ReadAsStringAsync());

        // The other nodes' logs are witnessed the same way.
        var leedsCheckpoint = await GrowAsync(_leeds, 3);
        Assert.True((await Submitter(_leeds).SubmitAsync(CancellationToken.None))!.Satisfied);
        Assert.Equal(leedsCheckpoint.TreeSize, Witness(_dwp).Store.Read("leeds-council.concordat/audit")!.TreeSize);
    }

    [Fact]
    public async Task A_submitter_that_does_not_know_what_a_witness_holds_is_told_by_a_409_and_then_proves_from_that_size()
    {
        await GrowAsync(_dwp, 4);
        await Submitter(_dwp).SubmitAsync(CancellationToken.None);
        var later = await GrowAsync(_dwp, 6);

        // A fresh submitter (a restarted node) believes the witnesses hold nothing.
        using var fresh = new WitnessSubmitter(_dwp.Services.GetRequiredService<IAuditLog>(), _dwp.Client, _dwp.Configuration,
            new WitnessedCheckpointFile(_network.DataDirectoryOf("dwp")), NullLogger<WitnessSubmitter>.Instance);
        var quorum = await fresh.SubmitAsync(CancellationToken.None);

        Assert.True(quorum!.Satisfied, quorum.Describe());
        Assert.Equal(later.TreeSize, Witness(_hmrc).Store.Read(DwpOrigin)!.TreeSize);

        // On the wire: old 0 against a witness that holds a size is 409 with that size as text/x.tlog.size.
        var note = CheckpointNote.Format(later, _dwp.Services.GetRequiredService<IAuditLog>().PublicKey);
        using var response = await SendAsync(0, [], note);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("text/x.tlog.size", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{later.TreeSize}\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_node_that_forks_rolls_back_or_rewrites_its_log_gets_no_cosignature_and_its_witness_reports_it()
    {
        var log = _dwp.Services.GetRequiredService<IAuditLog>();
        var honest = await GrowAsync(_dwp, 12);
        Assert.True((await Submitter(_dwp).SubmitAsync(CancellationToken.None))!.Satisfied);
        using var key = AuditKeyOf("dwp");
        var time = honest.Time;

        // A fork: a second tree of the size the witness cosigned.
        using (var fork = await SendAsync(12, [], Sign(key, 12, SHA256.HashData("another tree"u8), time.AddMinutes(1))))
        {
            await AssertProblemAsync(fork, HttpStatusCode.Conflict, "witness.root_conflict");
        }

        // A rollback: a smaller tree, signed after the larger one.
        var rootAtFive = (await log.GetRootHashAsync(5, CancellationToken.None)).Value;
        using (var rollback = await SendAsync(0, [], Sign(key, 5, rootAtFive, time.AddMinutes(2))))
        {
            Assert.Equal(HttpStatusCode.Conflict, rollback.StatusCode);
            Assert.Equal("12\n", await rollback.Content.ReadAsStringAsync());
        }

        // A rewrite: a larger tree whose first 12 entries differ, so no proof from the tree cosigned can verify.
        var rewritten = new MerkleTree();
        for (var i = 0; i < 20; i++)
        {
            rewritten.Append(MerkleHashes.Leaf(Encoding.UTF8.GetBytes($"rewritten entry {i}")));
        }

        using (var rewrite = await SendAsync(12, rewritten.ConsistencyProof(12, 20), Sign(key, 20, rewritten.RootHash(20), time.AddMinutes(3))))
        {
            await AssertProblemAsync(rewrite, HttpStatusCode.UnprocessableEntity, "witness.inconsistent_proof");
        }

        // Not the log's key, or a log nobody listed: 403 and 404, and nothing to report.
        using var stranger = AuditSigningKey.Create();
        using (var forged = await SendAsync(12, [], CheckpointNote.Format(stranger.Sign(DwpOrigin, 12, honest.RootHash, time), stranger.PublicKey)))
        {
            await AssertProblemAsync(forged, HttpStatusCode.Forbidden, "witness.bad_signature");
        }

        using (var unknown = await SendAsync(0, [], CheckpointNote.Format(stranger.Sign("nobody.concordat/audit", 1, honest.RootHash, time), stranger.PublicKey)))
        {
            await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "witness.unknown_log");
        }

        // The witness kept what it had cosigned, and recorded the three signed statements that show misbehaviour.
        var held = Witness(_hmrc).Store.Read(DwpOrigin)!;
        Assert.Equal(12, held.TreeSize);
        Assert.Equal(honest.RootHash, held.RootHash);
        var reports = WitnessStore.ReadReports(Witness(_hmrc).Store.ReportsPath);
        Assert.Equal([WitnessMisbehaviour.Fork, WitnessMisbehaviour.Rollback, WitnessMisbehaviour.Inconsistent], reports.Select(r => r.Kind));
        Assert.All(reports, r => Assert.Equal("dwp", r.Submitter));
        Assert.All(reports, r => Assert.True(CheckpointNote.Open(Encoding.UTF8.GetBytes(r.OfferedNote), log.PublicKey).IsSuccess));
        Assert.All(reports, r => Assert.Equal(12, CheckpointNote.Open(Encoding.UTF8.GetBytes(r.HeldNote), log.PublicKey).Value.Checkpoint.TreeSize));
        Assert.Equal(3, _hmrc.Logs.Lines.Count(l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("Witness refused a checkpoint of dwp.concordat/audit", StringComparison.Ordinal)));

        // The honest log goes on being witnessed from where it was.
        var next = await GrowAsync(_dwp, 3);
        Assert.True((await Submitter(_dwp).SubmitAsync(CancellationToken.None))!.Satisfied);
        Assert.Equal(next.TreeSize, Witness(_hmrc).Store.Read(DwpOrigin)!.TreeSize);
    }

    private async Task<HttpResponseMessage> SendAsync(long old, IReadOnlyList<byte[]> proof, string note)
    {
        using var content = new ByteArrayContent(new AddCheckpointRequest(old, proof, Encoding.UTF8.GetBytes(note)).Format());
        var sent = await _dwp.Client.SendAsync("hmrc", HttpMethod.Post, AddCheckpoint, content, CancellationToken.None);
        Assert.True(sent.IsSuccess, sent.IsSuccess ? null : sent.Errors[0].Message);
        return sent.Value;
    }

    private void AssertWitnessed(string? note, Checkpoint checkpoint)
    {
        Assert.NotNull(note);
        var opened = CheckpointNote.Open(Encoding.UTF8.GetBytes(note), _dwp.Services.GetRequiredService<IAuditLog>().PublicKey);
        Assert.True(opened.IsSuccess, opened.IsSuccess ? null : opened.Errors[0].Message);
        Assert.Equal(checkpoint.TreeSize, opened.Value.Checkpoint.TreeSize);
        Assert.Equal(checkpoint.RootHash, opened.Value.Checkpoint.RootHash);
        var quorum = Cosignature.CheckQuorum(opened.Value.Note, _policy);
        Assert.True(quorum.Satisfied, quorum.Describe());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
    }

    private static async Task<Checkpoint> GrowAsync(FederationNode node, int entries)
    {
        var log = node.Services.GetRequiredService<IAuditLog>();
        for (var i = 0; i < entries; i++)
        {
            await log.AppendAsync(new AuditEntry
            {
                Time = DateTimeOffset.UtcNow,
                ClientId = "witness-test",
                OrganisationId = node.OrganisationId,
                Purpose = "benefit-eligibility",
                Action = "lookup",
                Fields = [],
                Outcome = AuditOutcome.Permitted,
            }, CancellationToken.None);
        }

        return await log.CheckpointAsync(CancellationToken.None);
    }

    private AuditSigningKey AuditKeyOf(string organisationId)
    {
        var keys = Path.Combine(_network.DataDirectoryOf(organisationId), "keys");
        var (sealer, _, _) = MasterKeyFile.LoadOrCreate(keys, null);
        using (sealer)
        {
            return AuditKeyFiles.LoadOrCreateSigningKey(keys, sealer).Key;
        }
    }

    private static string Sign(AuditSigningKey key, long size, byte[] root, DateTimeOffset time) =>
        CheckpointNote.Format(key.Sign(DwpOrigin, size, root, time), key.PublicKey);

    private static WitnessSubmitter Submitter(FederationNode node) => node.Services.GetRequiredService<WitnessSubmitter>();

    private static WitnessService Witness(FederationNode node) => node.Services.GetRequiredService<WitnessService>();
}
