using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Storage.Tests.Contracts;

namespace Concordat.Storage.Tests.Audit;

/// <summary>
/// Browsing the audit log as the portal does (<see cref="AuditReader.ListNewestFirstAsync"/>): newest first, within the
/// reader's scope, filtered, paged by a cursor, and bounded per page; and the checks the portal shows for an entry
/// (<see cref="AuditEvidence"/>) and the proof file it downloads (<see cref="EntryProofFile"/>), over a real log.
/// </summary>
public sealed class AuditBrowseTests : IAsyncLifetime
{
    private TestStores _stores = default!;

    public Task InitializeAsync()
    {
        _stores = SqliteStores.Open(null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [Fact]
    public async Task A_dpo_browses_only_their_organisations_entries_newest_first_page_by_page()
    {
        var log = _stores.Get<IAuditLog>();
        for (var i = 0; i < 7; i++)
        {
            await log.AppendAsync(Entry(i, i % 2 == 0 ? "dwp" : "hmrc", i == 4 ? AuditOutcome.Denied : AuditOutcome.Permitted), default);
        }

        var reader = _stores.Get<AuditReader>();
        var dpo = AuditReadScope.For("dwp", ClientRole.Dpo)!;
        var (first, next) = await reader.ListNewestFirstAsync(dpo, AuditEntryFilter.None, null, 2, default);
        Assert.Equal([6, 4], first.Select(e => e.Index));
        Assert.Equal(4, next);
        var (second, last) = await reader.ListNewestFirstAsync(dpo, AuditEntryFilter.None, next, 2, default);
        Assert.Equal([2, 0], second.Select(e => e.Index));
        Assert.Null(last);

        var denied = await reader.ListNewestFirstAsync(dpo, new AuditEntryFilter { Outcome = AuditOutcome.Denied }, null, 10, default);
        Assert.Equal([4], denied.Items.Select(e => e.Index));
        var none = await reader.ListNewestFirstAsync(dpo, new AuditEntryFilter { Action = "extract" }, null, 10, default);
        Assert.Empty(none.Items);
        Assert.Null(none.Next);

        var admin = AuditReadScope.For("concordat-hub", ClientRole.Admin)!;
        Assert.Equal([6, 5, 4, 3, 2, 1, 0], (await reader.ListNewestFirstAsync(admin, AuditEntryFilter.None, null, 10, default)).Items.Select(e => e.Index));
        // A cursor past the end reads from the end; a cursor of 0 has nothing before it.
        Assert.Equal(6, (await reader.ListNewestFirstAsync(admin, AuditEntryFilter.None, 1_000, 1, default)).Items[0].Index);
        Assert.Empty((await reader.ListNewestFirstAsync(admin, AuditEntryFilter.None, 0, 10, default)).Items);
    }

    [Fact]
    public async Task A_page_over_many_entries_outside_the_scope_stops_with_a_cursor_instead_of_reading_the_whole_log()
    {
        var log = _stores.Get<IAuditLog>();
        await log.AppendAsync(Entry(0, "dwp", AuditOutcome.Permitted), default);
        await Task.WhenAll(Enumerable.Range(1, 5_100).Select(i => log.AppendAsync(Entry(i, "hmrc", AuditOutcome.Permitted), default)));

        var reader = _stores.Get<AuditReader>();
        var dpo = AuditReadScope.For("dwp", ClientRole.Dpo)!;
        var (items, next) = await reader.ListNewestFirstAsync(dpo, AuditEntryFilter.None, null, 50, default);
        Assert.Empty(items);
        Assert.NotNull(next);
        Assert.True(next > 0);
        var (rest, end) = await reader.ListNewestFirstAsync(dpo, AuditEntryFilter.None, next, 50, default);
        Assert.Equal([0], rest.Select(e => e.Index));
        Assert.Null(end);
    }

    [Fact]
    public async Task An_entry_is_proved_in_each_signed_checkpoint_and_its_proof_file_verifies_offline_only_as_it_was_written()
    {
        var log = _stores.Get<IAuditLog>();
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Entry(i, "dwp", AuditOutcome.Permitted), default);
        }

        var entry = (await log.GetEntryAsync(2, default))!;
        Assert.Null(await AuditEvidence.FirstCoveringAsync(log, 2, default));
        var early = await log.CheckpointAsync(default);
        await log.AppendAsync(Entry(5, "dwp", AuditOutcome.Denied), default);
        var late = await log.CheckpointAsync(default);
        Assert.Equal(early.TreeSize, (await AuditEvidence.FirstCoveringAsync(log, 2, default))!.TreeSize);
        Assert.Equal(late.TreeSize, (await AuditEvidence.FirstCoveringAsync(log, 5, default))!.TreeSize);

        var proof = await AuditEvidence.ProveAsync(log, entry, late, default);
        Assert.True(proof.Verified);
        Assert.True((await AuditEvidence.CheckAsync(log, early, default)).Verified);
        Assert.True(await AuditEvidence.ExtendsAsync(log, early, late, default));
        // A checkpoint the log does not hold (another root) does not verify, nor extend.
        var forged = late with { RootHash = new byte[32] };
        Assert.False((await AuditEvidence.CheckAsync(log, forged, default)).Verified);
        Assert.False(await AuditEvidence.ExtendsAsync(log, early, forged, default));

        var file = EntryProofFile.Write(proof, log.PublicKey);
        var verified = EntryProofFile.Verify(file, log.PublicKey);
        Assert.True(verified.IsSuccess, verified.IsSuccess ? null : verified.Errors[0].Message);
        Assert.Equal(2, verified.Value.Index);
        Assert.Equal("trace-2", verified.Value.Entry.TraceId);
        Assert.Equal(late.TreeSize, verified.Value.Checkpoint.TreeSize);

        // Another key, an altered entry, a path for another tree, and a file that is not a proof are each refused.
        using var other = AuditSigningKey.Create();
        Assert.Equal("proof.bad_signature", EntryProofFile.Verify(file, other.PublicKey).Errors[0].Code);
        var text = System.Text.Encoding.UTF8.GetString(file);
        var bytes = Convert.FromBase64String(System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("entryBytes").GetString()!);
        var altered = AuditEntryCodec.Encode(2, entry.Entry with { Outcome = AuditOutcome.Denied });
        Assert.NotEqual(bytes, altered);
        var tampered = text.Replace(Convert.ToBase64String(bytes), Convert.ToBase64String(altered), StringComparison.Ordinal);
        Assert.Equal("proof.not_included", EntryProofFile.Verify(System.Text.Encoding.UTF8.GetBytes(tampered), log.PublicKey).Errors[0].Code);
        // The file's own tree size (the first one; the signed checkpoint names its size too) changed to the earlier tree's.
        var sizeAt = text.IndexOf($"\"treeSize\": {late.TreeSize},", StringComparison.Ordinal);
        var otherTree = string.Concat(text.AsSpan(0, sizeAt), $"\"treeSize\": {early.TreeSize},", text.AsSpan(sizeAt + $"\"treeSize\": {late.TreeSize},".Length));
        Assert.NotEqual(text, otherTree);
        Assert.Equal("proof.not_included", EntryProofFile.Verify(System.Text.Encoding.UTF8.GetBytes(otherTree), log.PublicKey).Errors[0].Code);
        Assert.Equal("proof.malformed", EntryProofFile.Verify("{\"format\":\"something-else\"}"u8, log.PublicKey).Errors[0].Code);
        Assert.Equal("proof.malformed", EntryProofFile.Verify("not json"u8, log.PublicKey).Errors[0].Code);
    }

    private static AuditEntry Entry(int i, string organisation, AuditOutcome outcome) => new()
    {
        Time = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero).AddMilliseconds(i),
        ClientId = organisation + "-service",
        OrganisationId = organisation,
        Purpose = "benefit-eligibility",
        Action = "lookup",
        Outcome = outcome,
        ReasonCode = outcome == AuditOutcome.Denied ? "policy.no_agreement" : null,
        TraceId = "trace-" + i,
    };
}
