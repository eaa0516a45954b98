using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Audit;

namespace Concordat.Storage.Tests.Contracts;

/// <summary>
/// The contract every <see cref="IAuditLedger"/> keeps (its XML docs), written against the interface only and run on
/// each dialect by a class that derives from this one and opens that dialect's stores (<see cref="StoreContract"/>):
/// the ledger comes from the same registration entry a hub uses, and a second connection to the same store from
/// <see cref="TestStores.AnotherNode"/>, as another process or hub node would have.
/// </summary>
public abstract class AuditLedgerContract : StoreContract
{
    /// <summary>The ledger under test: fresh and empty.</summary>
    protected IAuditLedger Ledger => Stores.Get<IAuditLedger>();

    [Fact]
    public async Task A_new_ledger_is_empty()
    {
        Assert.Equal(0, await Ledger.GetSizeAsync(CancellationToken.None));
        Assert.Empty(await Ledger.ReadAsync(0, 10, CancellationToken.None));
        Assert.Null(await Ledger.GetLatestCheckpointAsync(CancellationToken.None));
        Assert.Null(await Ledger.GetCheckpointAsync(0, CancellationToken.None));
        Assert.Empty(await Ledger.ListCheckpointsAsync(-1, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Batches_appended_at_the_expected_size_come_back_verbatim_in_index_order()
    {
        var first = Batch(0, 5);
        var second = Batch(5, 3);
        Assert.Equal(AuditLedgerAppend.Done(5), await Ledger.AppendAsync(0, first, CancellationToken.None));
        Assert.Equal(AuditLedgerAppend.Done(8), await Ledger.AppendAsync(5, second, CancellationToken.None));

        Assert.Equal(8, await Ledger.GetSizeAsync(CancellationToken.None));
        var all = await Ledger.ReadAsync(0, 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), all.Select(e => e.Index));
        foreach (var (stored, given) in all.Zip(first.Concat(second)))
        {
            Assert.Equal(given.Entry, stored.Entry);
            // Verbatim: the leaf hash given is not SHA-256 of the bytes, and the ledger must neither check nor fix it.
            Assert.Equal(given.LeafHash, stored.LeafHash);
        }

        Assert.Equal([3L, 4L], (await Ledger.ReadAsync(3, 2, CancellationToken.None)).Select(e => e.Index));
        Assert.Equal([6L, 7L], (await Ledger.ReadAsync(6, 100, CancellationToken.None)).Select(e => e.Index));
        Assert.Empty(await Ledger.ReadAsync(8, 10, CancellationToken.None));
    }

    [Fact]
    public async Task An_append_at_a_stale_or_future_size_stores_nothing_and_reports_the_size_found()
    {
        await Ledger.AppendAsync(0, Batch(0, 3), CancellationToken.None);

        Assert.Equal(AuditLedgerAppend.Conflict(3), await Ledger.AppendAsync(1, Batch(1, 2, tag: "late"), CancellationToken.None));
        Assert.Equal(AuditLedgerAppend.Conflict(3), await Ledger.AppendAsync(5, Batch(5, 2, tag: "early"), CancellationToken.None));
        Assert.Equal(AuditLedgerAppend.Conflict(3), await Ledger.AppendAsync(0, Batch(0, 1, tag: "again"), CancellationToken.None));

        Assert.Equal(3, await Ledger.GetSizeAsync(CancellationToken.None));
        Assert.All(await Ledger.ReadAsync(0, 10, CancellationToken.None), e => Assert.StartsWith("contract-", Encoding.UTF8.GetString(e.Entry), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_that_does_not_run_on_from_the_expected_size_is_refused_whole()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.AppendAsync(0, [], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.AppendAsync(0, Batch(1, 2), CancellationToken.None));
        var gap = Batch(0, 3);
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.AppendAsync(0, [gap[0], gap[2]], CancellationToken.None));

        Assert.Equal(0, await Ledger.GetSizeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Two_writers_racing_for_the_same_indexes_never_both_win_and_leave_no_gap()
    {
        var other = ConnectAgain();
        const int PerWriter = 150;
        async Task WriteAsync(IAuditLedger ledger, string tag)
        {
            var believed = 0L;
            for (var i = 0; i < PerWriter; i++)
            {
                while (true)
                {
                    var result = await ledger.AppendAsync(believed, [Entry(believed, $"{tag}-{i}")], CancellationToken.None);
                    believed = result.Size;
                    if (result.Stored)
                    {
                        break;
                    }
                }
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(Ledger, "a")), Task.Run(() => WriteAsync(other, "b")));

        var all = await other.ReadAsync(0, 10 * PerWriter, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 2 * PerWriter).Select(i => (long)i), all.Select(e => e.Index));
        var payloads = all.Select(e => Encoding.UTF8.GetString(e.Entry).Split('|')[1]).ToList();
        Assert.Equal(2 * PerWriter, payloads.Distinct(StringComparer.Ordinal).Count());
        // Each stored entry carries the index its writer meant for it: no entry landed at an index it was not written for.
        Assert.All(all, e => Assert.Equal(e.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(e.Entry).Split('|')[0]["contract-".Length..]));
        Assert.Equal(2 * PerWriter, await Ledger.GetSizeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Entries_are_found_by_the_subject_keys_they_were_indexed_under()
    {
        var alice = Subject(1);
        var bob = Subject(2);
        var entries = new[]
        {
            Entry(0, "x", alice), Entry(1, "x", bob), Entry(2, "x", alice, bob), Entry(3, "x"), Entry(4, "x", alice, alice),
        };
        await Ledger.AppendAsync(0, entries, CancellationToken.None);

        Assert.Equal([0L, 2L, 4L], (await Ledger.FindBySubjectAsync(alice, -1, 10, CancellationToken.None)).Select(e => e.Index));
        Assert.Equal([2L, 4L], (await Ledger.FindBySubjectAsync(alice, 0, 10, CancellationToken.None)).Select(e => e.Index));
        Assert.Equal([0L], (await Ledger.FindBySubjectAsync(alice, -1, 1, CancellationToken.None)).Select(e => e.Index));
        Assert.Equal([1L, 2L], (await Ledger.FindBySubjectAsync(bob, -1, 10, CancellationToken.None)).Select(e => e.Index));
        Assert.Empty(await Ledger.FindBySubjectAsync(Subject(3), -1, 10, CancellationToken.None));
        Assert.Equal(entries[2].Entry, (await Ledger.FindBySubjectAsync(bob, 1, 10, CancellationToken.None))[0].Entry);
    }

    [Fact]
    public async Task One_checkpoint_stands_per_tree_size_and_checkpoints_list_smallest_first()
    {
        using var key = AuditSigningKey.Create();
        var at5 = key.Sign("contract/log", 5, Hash("root-5"), DateTimeOffset.UnixEpoch.AddDays(1));
        var at9 = key.Sign("contract/log", 9, Hash("root-9"), DateTimeOffset.UnixEpoch.AddDays(2));
        var at2 = key.Sign("contract/log", 2, Hash("root-2"), DateTimeOffset.UnixEpoch.AddDays(3));
        foreach (var checkpoint in new[] { at5, at9, at2 })
        {
            AssertSame(checkpoint, await Ledger.AddCheckpointAsync(checkpoint, CancellationToken.None));
        }

        var rival = key.Sign("contract/log", 5, Hash("another-root-5"), DateTimeOffset.UnixEpoch.AddDays(4));
        AssertSame(at5, await Ledger.AddCheckpointAsync(rival, CancellationToken.None));

        AssertSame(at5, (await Ledger.GetCheckpointAsync(5, CancellationToken.None))!);
        Assert.Null(await Ledger.GetCheckpointAsync(6, CancellationToken.None));
        AssertSame(at9, (await Ledger.GetLatestCheckpointAsync(CancellationToken.None))!);
        Assert.Equal([2L, 5L, 9L], (await Ledger.ListCheckpointsAsync(-1, 10, CancellationToken.None)).Select(c => c.TreeSize));
        Assert.Equal([5L, 9L], (await Ledger.ListCheckpointsAsync(2, 10, CancellationToken.None)).Select(c => c.TreeSize));
        Assert.Equal([2L], (await Ledger.ListCheckpointsAsync(-1, 1, CancellationToken.None)).Select(c => c.TreeSize));
        var again = ConnectAgain();
        Assert.True(key.PublicKey.Verify((await again.GetCheckpointAsync(9, CancellationToken.None))!));
    }

    [Fact]
    public async Task The_signer_lease_has_one_holder_across_connections_until_it_is_given_up()
    {
        var other = ConnectAgain();
        var first = await Ledger.TryAcquireSignerLeaseAsync(CancellationToken.None);
        Assert.NotNull(first);
        Assert.True(await first.IsHeldAsync(CancellationToken.None));
        Assert.Null(await other.TryAcquireSignerLeaseAsync(CancellationToken.None));
        Assert.Null(await Ledger.TryAcquireSignerLeaseAsync(CancellationToken.None));

        await first.DisposeAsync();
        Assert.False(await first.IsHeldAsync(CancellationToken.None));
        await using var second = await other.TryAcquireSignerLeaseAsync(CancellationToken.None);
        Assert.NotNull(second);
        Assert.True(await second.IsHeldAsync(CancellationToken.None));
    }

    [Fact]
    public async Task What_one_connection_appends_another_reads_at_once()
    {
        var other = ConnectAgain();
        await Ledger.AppendAsync(0, Batch(0, 4), CancellationToken.None);
        Assert.Equal(4, await other.GetSizeAsync(CancellationToken.None));
        Assert.Equal(AuditLedgerAppend.Conflict(4), await other.AppendAsync(0, Batch(0, 1), CancellationToken.None));
        Assert.Equal(AuditLedgerAppend.Done(6), await other.AppendAsync(4, Batch(4, 2), CancellationToken.None));
        Assert.Equal(6, (await Ledger.ReadAsync(0, 10, CancellationToken.None)).Count);
    }

    private static void AssertSame(Checkpoint expected, Checkpoint actual)
    {
        Assert.Equal(expected.TreeSize, actual.TreeSize);
        Assert.Equal(expected.Origin, actual.Origin);
        Assert.Equal(expected.RootHash, actual.RootHash);
        Assert.Equal(expected.Time, actual.Time);
        Assert.Equal(expected.KeyId, actual.KeyId);
        Assert.Equal(expected.Signature, actual.Signature);
    }

    /// <summary>A second, independent connection to the same store.</summary>
    private IAuditLedger ConnectAgain() => Stores.AnotherNode().Get<IAuditLedger>();

    private static AuditLedgerEntry[] Batch(long from, int count, string tag = "t") =>
        [.. Enumerable.Range(0, count).Select(i => Entry(from + i, tag + i))];

    private static AuditLedgerEntry Entry(long index, string tag, params SubjectKey[] subjects) =>
        new(index, Encoding.UTF8.GetBytes($"contract-{index}|{tag}|{Guid.NewGuid():N}"), Hash($"leaf-{index}-{tag}"), subjects);

    private static SubjectKey Subject(byte b) => new(Enumerable.Repeat(b, SubjectKey.Size).ToArray());

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
