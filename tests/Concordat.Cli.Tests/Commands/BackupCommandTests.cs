using Concordat.Core.Audit;
using Concordat.Storage.Audit;
using Concordat.Storage.Keys;
using Concordat.Storage.Sqlite;

namespace Concordat.Cli.Tests.Commands;

/// <summary>Issue 13 item 5: <c>concordat backup</c> and <c>concordat restore</c> of a SQLite hub, and every incomplete or mixed set refused.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly CliWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task A_restored_hub_verifies_its_audit_log_and_keeps_its_anchor()
    {
        await AppendAndSignAsync(0, 30);
        var backup = _ws.PathOf("backup");
        Assert.Equal(0, await _ws.RunAsync("backup", "--to", backup));
        Assert.True(File.Exists(Path.Combine(backup, SqliteHubBackup.ManifestName)));
        Assert.True(File.Exists(Path.Combine(backup, "keys", CheckpointAnchorFile.FileName)));

        var restored = _ws.PathOf("restored");
        Assert.Equal(0, await _ws.RunInAsync(restored, "restore", "--from", backup));
        Assert.Equal(0, await _ws.RunInAsync(restored, "audit", "public-key", "--out", _ws.PathOf("key.jwk")));
        // Signing again proves the restored ledger extends the restored anchor (a log cut short would be locked).
        Assert.Equal(0, await _ws.RunInAsync(restored, "audit", "checkpoint"));
        Assert.Equal(0, await _ws.RunInAsync(restored, "audit", "export", "--out", _ws.PathOf("restored.ndjson")));
        var (code, output, _) = await _ws.RunProcessAsync(new Dictionary<string, string>(), "audit", "verify", "--file", _ws.PathOf("restored.ndjson"), "--public-key", _ws.PathOf("key.jwk"));
        Assert.Equal(0, code);
        Assert.Contains("OK: 30 entries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_refuses_a_changed_partial_mixed_or_padded_set_and_a_used_directory()
    {
        await AppendAndSignAsync(0, 5);
        var first = _ws.PathOf("first");
        Assert.Equal(0, await _ws.RunAsync("backup", "--to", first));
        await AppendAndSignAsync(5, 5);
        var second = _ws.PathOf("second");
        Assert.Equal(0, await _ws.RunAsync("backup", "--to", second));
        Assert.Equal(5, await _ws.RunAsync("backup", "--to", second));

        // Each broken copy is refused before anything is written.
        await AssertRefusedAsync(first, set => File.Delete(Path.Combine(set, "audit.db")), "incomplete: audit.db is missing");
        await AssertRefusedAsync(first, set => File.Copy(Path.Combine(second, "audit.db"), Path.Combine(set, "audit.db"), overwrite: true), "audit.db has another digest");
        await AssertRefusedAsync(first, set => File.Copy(Path.Combine(second, "keys", CheckpointAnchorFile.FileName), Path.Combine(set, "keys", CheckpointAnchorFile.FileName), overwrite: true), "audit-checkpoint.last.json has another digest");
        await AssertRefusedAsync(first, set => File.WriteAllText(Path.Combine(set, "keys", "stray.sealed"), "x"), "which its manifest does not list");
        await AssertRefusedAsync(first, set => File.Delete(Path.Combine(set, SqliteHubBackup.ManifestName)), "is not a Concordat backup");

        // A data directory in use is never overwritten.
        Assert.Equal(5, await _ws.RunAsync("restore", "--from", first));
        var (code, _, error) = await _ws.RunProcessAsync(new Dictionary<string, string>(), "restore", "--from", first);
        Assert.Equal(5, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("is not empty", error, StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(string good, Action<string> spoil, string message)
    {
        var set = _ws.PathOf("spoilt-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(good, set);
        spoil(set);
        var target = _ws.PathOf("target-" + Guid.NewGuid().ToString("N"));
        var (code, _, error) = await _ws.RunProcessInAsync(target, new Dictionary<string, string>(), "restore", "--from", set);
        Assert.Equal(2, code);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any());
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private async Task AppendAndSignAsync(int from, int count)
    {
        var keys = Path.Combine(_ws.Data, "keys");
        var (sealer, _, _) = MasterKeyFile.LoadOrCreate(keys, null);
        using (sealer)
        {
            var (signing, _) = AuditKeyFiles.LoadOrCreateSigningKey(keys, sealer);
            using (signing)
            {
                using var database = new SqliteDatabase(_ws.DatabasePath);
                database.Migrate();
                using var ledger = SqliteAuditLedger.OpenBeside(database);
                await using var log = new AuditEngine(ledger, new CheckpointAnchorFile(keys), signing, AuditEngine.DefaultOrigin, TimeProvider.System);
                for (var i = from; i < from + count; i++)
                {
                    await log.AppendAsync(new AuditEntry
                    {
                        Time = DateTimeOffset.UtcNow,
                        ClientId = "dwp-service",
                        OrganisationId = "dwp",
                        Purpose = "benefit-eligibility",
                        Action = "lookup",
                        Outcome = AuditOutcome.Permitted,
                        SubjectKeys = [new SubjectKey(Enumerable.Repeat((byte)i, 32).ToArray())],
                    }, CancellationToken.None);
                }

                await log.CheckpointAsync(CancellationToken.None);
            }
        }
    }
}
