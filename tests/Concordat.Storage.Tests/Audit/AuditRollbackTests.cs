using Concordat.Core.Audit;
using Concordat.Storage.Audit;

namespace Concordat.Storage.Tests.Audit;

/// <summary>
/// Rollback and laundering by someone with write access to the database (issue 15 item 8): the hub never signs a tree
/// that is not a proven extension of the last one it signed, which it keeps outside the database.
/// </summary>
public sealed class AuditRollbackTests : IDisposable
{
    private readonly AuditTestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public async Task Deleting_the_last_checkpoint_and_rewriting_a_covered_entry_is_refused_on_restart_and_no_second_tree_of_that_size_is_signed()
    {
        await using (var log = _hub.Open())
        {
            await AuditTestHub.AppendAsync(log, 0, 10);
            await log.CheckpointAsync(CancellationToken.None);
            await AuditTestHub.AppendAsync(log, 10, 10);
            await log.CheckpointAsync(CancellationToken.None);
        }

        var signed = _hub.Scalar("SELECT COUNT(*) FROM audit_checkpoints");
        _hub.Tamper("DELETE FROM audit_checkpoints WHERE tree_size = 20");
        _hub.RewriteConsistently(14, AuditTestEntries.Entry(14, 14) with { Purpose = "Laundered" });

        await using var restarted = _hub.Open();
        var failure = await restarted.OpenAsync(CancellationToken.None);
        Assert.NotNull(failure);
        Assert.Equal("checkpoint.mismatch", failure.Code);
        Assert.Contains("size 20", failure.Expected, StringComparison.Ordinal);
        Assert.Contains(CheckpointAnchorFile.FileName, failure.Expected, StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<AuditLogException>(() => restarted.CheckpointAsync(CancellationToken.None));
        Assert.Contains("checkpoint.mismatch", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AuditLogException>(() => restarted.AppendAsync(AuditTestEntries.Entry(99, 1), CancellationToken.None));
        Assert.Equal(signed - 1, _hub.Scalar("SELECT COUNT(*) FROM audit_checkpoints"));
        Assert.Equal(0, _hub.Scalar("SELECT COUNT(*) FROM audit_checkpoints WHERE tree_size >= 20"));
    }

    [Fact]
    public async Task Deleting_the_last_checkpoint_alone_is_reported_as_missing()
    {
        await using (var log = _hub.Open())
        {
            await AuditTestHub.AppendAsync(log, 0, 5);
            await log.CheckpointAsync(CancellationToken.None);
        }

        _hub.Tamper("DELETE FROM audit_checkpoints");

        await using var restarted = _hub.Open();
        var failure = await restarted.OpenAsync(CancellationToken.None);
        Assert.Equal("checkpoint.missing", failure!.Code);
        await Assert.ThrowsAsync<AuditLogException>(() => restarted.CheckpointAsync(CancellationToken.None));
        Assert.Equal(0, _hub.Scalar("SELECT COUNT(*) FROM audit_checkpoints"));
    }

    [Fact]
    public async Task An_entry_rewritten_after_the_last_checkpoint_is_not_signed()
    {
        await using var log = _hub.Open();
        await AuditTestHub.AppendAsync(log, 0, 10);
        await log.CheckpointAsync(CancellationToken.None);
        await AuditTestHub.AppendAsync(log, 10, 6);

        _hub.RewriteConsistently(12, AuditTestEntries.Entry(12, 12) with { Outcome = AuditOutcome.Denied, ReasonCode = "agreement.none" });

        var ex = await Assert.ThrowsAsync<AuditLogException>(() => log.CheckpointAsync(CancellationToken.None));
        Assert.Contains("entry.rewritten", ex.Message, StringComparison.Ordinal);
        Assert.Equal(12, log.Failure!.Index);
        Assert.Equal(0, _hub.Scalar("SELECT COUNT(*) FROM audit_checkpoints WHERE tree_size > 10"));
        Assert.Equal(10, AuditExportFormat.ReadCheckpoint(await File.ReadAllBytesAsync(_hub.AnchorPath)).Value.TreeSize);
        await Assert.ThrowsAsync<AuditLogException>(() => log.AppendAsync(AuditTestEntries.Entry(99, 1), CancellationToken.None));
    }

    [Fact]
    public async Task A_log_truncated_behind_the_signed_size_is_caught_on_restart()
    {
        await using (var log = _hub.Open())
        {
            await AuditTestHub.AppendAsync(log, 0, 12);
            await log.CheckpointAsync(CancellationToken.None);
        }

        // Drop the checkpoint rows too, so nothing in the database says the log was ever longer.
        _hub.Tamper("DELETE FROM audit_checkpoints; DELETE FROM audit_subjects WHERE idx >= 9; DELETE FROM audit_entries WHERE idx >= 9");

        await using var restarted = _hub.Open();
        var failure = await restarted.OpenAsync(CancellationToken.None);
        Assert.Equal("log.truncated", failure!.Code);
        Assert.Contains("12", failure.Expected, StringComparison.Ordinal);
        Assert.Contains("9 entries", failure.Found, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AuditLogException>(() => restarted.CheckpointAsync(CancellationToken.None));
        Assert.Equal(0, _hub.Scalar("SELECT COUNT(*) FROM audit_checkpoints"));
    }

    [Fact]
    public async Task Entries_dropped_after_the_last_checkpoint_while_the_hub_runs_are_caught_before_signing()
    {
        await using var log = _hub.Open();
        await AuditTestHub.AppendAsync(log, 0, 8);
        await log.CheckpointAsync(CancellationToken.None);
        await AuditTestHub.AppendAsync(log, 8, 4);
        _hub.Tamper("DELETE FROM audit_subjects WHERE idx >= 10; DELETE FROM audit_entries WHERE idx >= 10");

        var ex = await Assert.ThrowsAsync<AuditLogException>(() => log.CheckpointAsync(CancellationToken.None));
        Assert.Contains("log.truncated", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _hub.Scalar("SELECT COUNT(*) FROM audit_checkpoints WHERE tree_size > 8"));
    }

    [Fact]
    public async Task After_locking_itself_the_log_serves_no_proofs_from_the_tampered_tree()
    {
        await using (var log = _hub.Open())
        {
            await AuditTestHub.AppendAsync(log, 0, 8);
            await log.CheckpointAsync(CancellationToken.None);
            await AuditTestHub.AppendAsync(log, 8, 8);
            await log.CheckpointAsync(CancellationToken.None);
            Assert.True((await log.GetInclusionProofAsync(3, 8, CancellationToken.None)).IsSuccess);
        }

        _hub.RewriteConsistently(3, AuditTestEntries.Entry(3, 3) with { Fields = ["nino", "income"] });
        await using var restarted = _hub.Open();

        var inclusion = await restarted.GetInclusionProofAsync(3, 8, CancellationToken.None);
        Assert.Equal("audit.log_locked", inclusion.Errors.Single().Code);
        Assert.Equal("audit.log_locked", (await restarted.GetConsistencyProofAsync(8, 16, CancellationToken.None)).Errors.Single().Code);
        Assert.Equal("audit.log_locked", (await restarted.GetRootHashAsync(8, CancellationToken.None)).Errors.Single().Code);
        Assert.NotNull(restarted.Failure);
        // The evidence can still be read and exported for investigation.
        Assert.Equal(16, await restarted.GetSizeAsync(CancellationToken.None));
        Assert.Equal(["nino", "income"], (await restarted.GetEntryAsync(3, CancellationToken.None))!.Entry.Fields);
    }

    [Fact]
    public async Task A_forged_checkpoint_row_below_the_anchor_is_caught_when_a_proof_needs_it()
    {
        await using (var log = _hub.Open())
        {
            await AuditTestHub.AppendAsync(log, 0, 10);
            await log.CheckpointAsync(CancellationToken.None);
        }

        // A checkpoint at size 4 that this hub never signed: another key, so it cannot carry this log's signature.
        using var otherKey = AuditSigningKey.Create();
        var forged = otherKey.Sign(AuditTestHub.Origin, 4, new byte[32], DateTimeOffset.UtcNow);
        _hub.Exec($"INSERT INTO audit_checkpoints (tree_size, origin, root_hash, time, key_id, signature) VALUES (4, '{AuditTestHub.Origin}', zeroblob(32), '2026-11-25T09:00:00.0000000Z', '{_hub.Key.KeyId}', x'{Convert.ToHexString(forged.Signature)}')");

        await using var restarted = _hub.Open();
        Assert.Null(await restarted.OpenAsync(CancellationToken.None));
        var proof = await restarted.GetInclusionProofAsync(1, 4, CancellationToken.None);
        Assert.Equal("audit.log_locked", proof.Errors.Single().Code);
        Assert.Equal("checkpoint.forged", restarted.Failure!.Code);
    }

    [Fact]
    public async Task An_anchor_file_not_signed_by_the_logs_key_locks_the_log()
    {
        await using (var log = _hub.Open())
        {
            await AuditTestHub.AppendAsync(log, 0, 3);
            await log.CheckpointAsync(CancellationToken.None);
        }

        using var otherKey = AuditSigningKey.Create();
        var impostor = otherKey.Sign(AuditTestHub.Origin, 3, new byte[32], DateTimeOffset.UtcNow);
        await File.WriteAllTextAsync(_hub.AnchorPath, AuditJson.Checkpoint(impostor));

        await using var restarted = _hub.Open();
        Assert.Equal("anchor.invalid", (await restarted.OpenAsync(CancellationToken.None))!.Code);
    }

    [Fact]
    public async Task A_log_signed_before_anchors_were_kept_adopts_its_latest_checkpoint_as_the_anchor()
    {
        await using (var log = _hub.Open())
        {
            await AuditTestHub.AppendAsync(log, 0, 6);
            await log.CheckpointAsync(CancellationToken.None);
        }

        File.Delete(_hub.AnchorPath);
        await using (var upgraded = _hub.Open())
        {
            Assert.Null(await upgraded.OpenAsync(CancellationToken.None));
        }

        Assert.Equal(6, AuditExportFormat.ReadCheckpoint(await File.ReadAllBytesAsync(_hub.AnchorPath)).Value.TreeSize);
        _hub.RewriteConsistently(2, AuditTestEntries.Entry(2, 2) with { Purpose = "Rewritten after the upgrade" });
        _hub.Tamper("DELETE FROM audit_checkpoints");
        await using var restarted = _hub.Open();
        Assert.Equal("checkpoint.mismatch", (await restarted.OpenAsync(CancellationToken.None))!.Code);
    }
}
