using Concordat.Core.Audit;

namespace Concordat.Storage.Tests.Audit;

/// <summary>
/// Several engines sharing one ledger, as hub nodes (or a hub and the CLI) do: one gap-free sequence, each engine
/// checking what the others wrote, and one signer at a time.
/// </summary>
public sealed class AuditNodesTests : IDisposable
{
    private readonly AuditTestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public async Task Two_engines_appending_to_one_ledger_leave_one_gap_free_sequence()
    {
        await using var first = _hub.Open();
        await using var second = _hub.Open();
        async Task<List<AuditReceipt>> AppendManyAsync(AuditEngine log, int client) =>
            [.. await Task.WhenAll(Enumerable.Range(0, 200).Select(i => log.AppendAsync(AuditTestEntries.Entry((client * 1000) + i, client), CancellationToken.None)))];

        var receipts = (await Task.WhenAll(
            Task.Run(() => AppendManyAsync(first, 1)), Task.Run(() => AppendManyAsync(second, 2)),
            Task.Run(() => AppendManyAsync(first, 3)), Task.Run(() => AppendManyAsync(second, 4)))).SelectMany(r => r).ToList();

        Assert.Equal(Enumerable.Range(0, 800).Select(i => (long)i), receipts.Select(r => r.Index).Order());
        var stored = await first.ListEntriesAsync(0, 1000, CancellationToken.None);
        Assert.All(stored, e => Assert.Equal(receipts.Single(r => r.Index == e.Index).LeafHash, e.LeafHash));
        var signed = await first.CheckpointAsync(CancellationToken.None);
        Assert.Equal(800, signed.TreeSize);
        // The other engine built the same tree from what it wrote and what it read.
        Assert.Equal(signed.RootHash, (await second.GetRootHashAsync(800, CancellationToken.None)).Value);
        Assert.True((await second.GetInclusionProofAsync(799, 800, CancellationToken.None)).IsSuccess);
    }

    [Fact]
    public async Task Only_the_lease_holder_signs_and_the_others_wait_for_its_checkpoint()
    {
        await using var leader = _hub.Open();
        await using var follower = _hub.Open(options: new AuditEngineOptions { SignerWait = TimeSpan.FromSeconds(20), SignerPoll = TimeSpan.FromMilliseconds(20) });
        await AuditTestHub.AppendAsync(leader, 0, 5);
        Assert.Equal(5, (await leader.TrySignAsync(CancellationToken.None))!.TreeSize);

        await AuditTestHub.AppendAsync(follower, 5, 3);
        Assert.Null(await follower.TrySignAsync(CancellationToken.None));
        var waiting = follower.CheckpointAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        var signed = await leader.TrySignAsync(CancellationToken.None);
        Assert.Equal(8, signed!.TreeSize);
        Assert.Equal(signed.Signature, (await waiting).Signature);
        Assert.Equal(2, _hub.Scalar("SELECT COUNT(*) FROM audit_checkpoints"));

        // When the leader goes, another takes over.
        await leader.DisposeAsync();
        await AuditTestHub.AppendAsync(follower, 8, 2);
        Assert.Equal(10, (await follower.TrySignAsync(CancellationToken.None))!.TreeSize);
    }

    [Fact]
    public async Task A_follower_gives_up_waiting_with_a_clear_error_when_no_one_signs()
    {
        await using var leader = _hub.Open();
        await using var follower = _hub.Open(options: new AuditEngineOptions { SignerWait = TimeSpan.FromMilliseconds(300), SignerPoll = TimeSpan.FromMilliseconds(20) });
        await AuditTestHub.AppendAsync(leader, 0, 2);
        Assert.NotNull(await leader.TrySignAsync(CancellationToken.None));
        await AuditTestHub.AppendAsync(follower, 2, 1);

        var ex = await Assert.ThrowsAsync<AuditLogException>(() => follower.CheckpointAsync(CancellationToken.None));
        Assert.Contains("signer lease", ex.Message, StringComparison.Ordinal);
        Assert.Contains("size 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_another_engine_wrote_that_was_altered_before_this_one_read_it_locks_this_one()
    {
        await using var writer = _hub.Open();
        await using var reader = _hub.Open();
        await AuditTestHub.AppendAsync(reader, 0, 2);
        await AuditTestHub.AppendAsync(writer, 2, 3);
        _hub.Tamper("UPDATE audit_entries SET entry = CAST(replace(CAST(entry AS TEXT), 'lookup', 'lookuq') AS BLOB) WHERE idx = 3");

        var ex = await Assert.ThrowsAsync<AuditLogException>(() => reader.AppendAsync(AuditTestEntries.Entry(9, 9), CancellationToken.None));
        Assert.Contains("entry 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal("entry.altered", reader.Failure!.Code);
    }
}
