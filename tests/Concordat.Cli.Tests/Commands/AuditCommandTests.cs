using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Globalization;
using System.Security.Cryptography;
using Concordat.Core.Audit;
using Concordat.Core.Federation;
using Concordat.Storage.Federation;
using Concordat.Storage.Audit;
using Concordat.Storage.Keys;
using Concordat.Storage.Sqlite;

namespace Concordat.Cli.Tests.Commands;

public sealed class AuditCommandTests : IDisposable
{
    private readonly CliWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task An_exported_log_verifies_with_the_public_key_alone()
    {
        var (export, key) = await PrepareAsync();
        var (code, output, _) = await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key);
        Assert.Equal(0, code);
        Assert.Contains("OK: 40 entries and 2 checkpoints verified", output, StringComparison.Ordinal);
        Assert.Contains("latest checkpoint at size 40", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_altered_byte_is_pinpointed_with_a_failing_exit_code()
    {
        var (export, key) = await PrepareAsync();
        var lines = File.ReadAllLines(export);
        var at = Array.FindIndex(lines, l => l.Contains("\"index\":7,", StringComparison.Ordinal));
        lines[at] = lines[at].Replace("benefit-eligibility", "benefit-eligibilitz", StringComparison.Ordinal);
        File.WriteAllLines(export, lines);

        var (code, _, error) = await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key);
        Assert.Equal(1, code);
        Assert.Contains("entry.altered", error, StringComparison.Ordinal);
        Assert.Contains("first bad entry: 7", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swapped_and_dropped_entries_and_a_forged_checkpoint_are_each_pinpointed()
    {
        var (export, key) = await PrepareAsync();
        var original = File.ReadAllLines(export);
        int Line(int index) => Array.FindIndex(original, l => l.Contains($"\"index\":{index},", StringComparison.Ordinal));

        var swapped = original.ToArray();
        (swapped[Line(5)], swapped[Line(9)]) = (swapped[Line(9)], swapped[Line(5)]);
        await AssertFailsAsync(swapped, key, "entry.reordered", "first bad entry: 5");

        var dropped = original.Where((_, i) => i != Line(12)).ToArray();
        await AssertFailsAsync(dropped, key, "entry.missing", "first bad entry: 12");

        var forged = original.ToArray();
        var checkpointLine = Array.FindIndex(forged, l => l.Contains("\"type\":\"checkpoint\"", StringComparison.Ordinal));
        var node = JsonNode.Parse(forged[checkpointLine])!.AsObject();
        var root = Convert.FromBase64String(node["rootHash"]!.GetValue<string>());
        root[0] ^= 1;
        node["rootHash"] = Convert.ToBase64String(root);
        forged[checkpointLine] = node.ToJsonString();
        await AssertFailsAsync(forged, key, "checkpoint.forged", "checkpoint at size 25");
    }

    [Fact]
    public async Task A_row_altered_in_the_database_is_pinpointed_in_the_next_export()
    {
        var (_, key) = await PrepareAsync();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_ws.Data, SqliteAuditLedger.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET entry = CAST(replace(CAST(entry AS TEXT), 'lookup', 'extrac') AS BLOB) WHERE idx = 17";
            command.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var export = _ws.PathOf("after.ndjson");
        Assert.Equal(0, await _ws.RunAsync("audit", "export", "--out", export));
        var (code, _, error) = await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key);
        Assert.Equal(1, code);
        Assert.Contains("entry.altered", error, StringComparison.Ordinal);
        Assert.Contains("first bad entry: 17", error, StringComparison.Ordinal);

        // The hub itself now refuses to sign over the altered log.
        Assert.Equal(1, await _ws.RunAsync("audit", "checkpoint"));
    }

    [Fact]
    public async Task A_saved_checkpoint_catches_a_truncated_export()
    {
        var (export, key) = await PrepareAsync();
        var saved = _ws.PathOf("saved-checkpoint.json");
        var lines = File.ReadAllLines(export);
        var last = JsonNode.Parse(lines[^1])!.AsObject();
        last.Remove("type");
        File.WriteAllText(saved, last.ToJsonString());
        // Drop the header (which would give the cut away), the last five entries and the last checkpoint.
        var cut = lines.Skip(1).Where(l => !l.Contains("\"type\":\"checkpoint\"", StringComparison.Ordinal) || l.Contains("\"treeSize\":25,", StringComparison.Ordinal))
            .Where(l => !Enumerable.Range(35, 5).Any(i => l.Contains($"\"index\":{i},", StringComparison.Ordinal))).ToArray();
        File.WriteAllLines(export, cut);

        Assert.Equal(0, (await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key)).Code);
        var (code, _, error) = await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key, "--checkpoint", saved);
        Assert.Equal(1, code);
        Assert.Contains("log.truncated", error, StringComparison.Ordinal);
        Assert.Contains("first bad entry: 35", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_saved_in_the_apis_form_with_its_note_is_accepted_as_the_trusted_checkpoint()
    {
        var (export, key) = await PrepareAsync();
        var last = AuditExportFormat.ReadLine(System.Text.Encoding.UTF8.GetBytes(File.ReadAllLines(export)[^1])).Checkpoint!;
        // Members in the order and form GET /api/v1/audit/checkpoints/latest serves them (docs/audit.md).
        var api = new JsonObject
        {
            ["origin"] = last.Origin,
            ["treeSize"] = last.TreeSize,
            ["rootHash"] = Convert.ToBase64String(last.RootHash),
            ["time"] = last.Time.UtcDateTime.ToString(AuditExportFormat.CheckpointTimeFormat, System.Globalization.CultureInfo.InvariantCulture),
            ["keyId"] = last.KeyId,
            ["signature"] = Convert.ToBase64String(last.Signature),
            ["note"] = last.Body(),
        };
        var saved = _ws.PathOf("saved-checkpoint.json");
        File.WriteAllText(saved, api.ToJsonString());

        var (code, output, error) = await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key, "--checkpoint", saved);
        Assert.True(code == 0, error);
        Assert.Contains("OK: 40 entries", output, StringComparison.Ordinal);

        // A note that disagrees with the members, or a member given twice, is refused as bad input.
        api["note"] = last.Body().Replace("\n40\n", "\n41\n", StringComparison.Ordinal);
        File.WriteAllText(saved, api.ToJsonString());
        var refused = await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key, "--checkpoint", saved);
        Assert.Equal(2, refused.Code);
        Assert.Contains("note", refused.Error, StringComparison.Ordinal);

        api["note"] = last.Body();
        File.WriteAllText(saved, api.ToJsonString().Replace("\"treeSize\":40", "\"treeSize\":40,\"treeSize\":25", StringComparison.Ordinal));
        refused = await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key, "--checkpoint", saved);
        Assert.Equal(2, refused.Code);
        Assert.Contains("Duplicate member 'treeSize'", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_without_a_source_is_invalid_input()
    {
        var (_, key) = await PrepareAsync();
        Assert.Equal(2, await _ws.RunAsync("audit", "verify", "--public-key", key));
        Assert.Equal(2, await _ws.RunAsync("audit", "verify", "--file", _ws.PathOf("missing.ndjson"), "--public-key", key));
    }

    /// <summary>40 entries with checkpoints at 25 (signed by the CLI) and 40; returns the export and public key paths.</summary>
    [Fact]
    public async Task A_proof_of_one_entry_verifies_offline_and_an_altered_one_or_another_key_fails()
    {
        var (_, key) = await PrepareAsync();
        var proof = _ws.PathOf("entry-7-proof.json");
        await File.WriteAllBytesAsync(proof, await ProofAsync(7));

        var (code, output, _) = await RunProcessAsync("audit", "verify-proof", "--file", proof, "--public-key", key);
        Assert.Equal(0, code);
        Assert.Contains("OK: entry 7 is in the checkpoint of 40 entries.", output, StringComparison.Ordinal);
        Assert.Contains("entry: lookup by dwp-service of dwp, permitted", output, StringComparison.Ordinal);

        // The purpose changed inside the entry's bytes: its leaf no longer leads to the signed root.
        var node = JsonNode.Parse(await File.ReadAllTextAsync(proof))!.AsObject();
        var bytes = Convert.FromBase64String(node["entryBytes"]!.GetValue<string>());
        var at = bytes.AsSpan().IndexOf("benefit-eligibility"u8);
        bytes[at + 18] = (byte)'z';
        node["entryBytes"] = Convert.ToBase64String(bytes);
        var altered = _ws.Write("altered-proof.json", node.ToJsonString());
        (code, _, var error) = await RunProcessAsync("audit", "verify-proof", "--file", altered, "--public-key", key);
        Assert.Equal(1, code);
        Assert.Contains("FAILED (proof.not_included)", error, StringComparison.Ordinal);

        using var other = AuditSigningKey.Create();
        var otherKey = _ws.Write("other-key.jwk", other.PublicKey.ToJwk());
        (code, _, error) = await RunProcessAsync("audit", "verify-proof", "--file", proof, "--public-key", otherKey);
        Assert.Equal(1, code);
        Assert.Contains("FAILED (proof.bad_signature)", error, StringComparison.Ordinal);

        (code, _, error) = await RunProcessAsync("audit", "verify-proof", "--file", _ws.PathOf("missing.json"), "--public-key", key);
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_witnessed_checkpoint_verifies_when_its_cosignatures_meet_the_quorum_and_fails_naming_the_missing_witnesses()
    {
        var (export, key) = await PrepareAsync();
        var (latest, publicKey) = await LatestCheckpointAsync();
        using var a = CosignatureSigner.FromSeed("a.example/witness", RandomNumberGenerator.GetBytes(32));
        using var b = CosignatureSigner.FromSeed("b.example/witness", RandomNumberGenerator.GetBytes(32));
        using var c = CosignatureSigner.FromSeed("c.example/witness", RandomNumberGenerator.GetBytes(32));
        var policy = _ws.Write("policy.txt", $"witness a {a.VerifierKey}\nwitness b {b.VerifierKey}\nwitness c {c.VerifierKey}\ngroup two 2 a b c\nquorum two\n");
        var note = CheckpointNote.Format(latest, publicKey);
        var now = DateTimeOffset.UtcNow;

        var witnessed = _ws.Write("witnessed.note", note + a.Cosign(latest.Body(), now) + b.Cosign(latest.Body(), now));
        var (code, output, error) = await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key, "--witnessed", witnessed, "--witness-policy", policy);
        Assert.True(code == 0, error);
        Assert.Contains("witnessed: the checkpoint of 40 entries is in this log; quorum 'two' met: cosigned by a, b; missing c", output, StringComparison.Ordinal);

        // One cosignature, and one by a key the policy does not list for that name: the quorum is not met.
        using var impostor = CosignatureSigner.FromSeed("b.example/witness", RandomNumberGenerator.GetBytes(32));
        var short1 = _ws.Write("short.note", note + a.Cosign(latest.Body(), now) + impostor.Cosign(latest.Body(), now));
        (code, _, error) = await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key, "--witnessed", short1, "--witness-policy", policy);
        Assert.Equal(1, code);
        Assert.Contains("FAILED (checkpoint.unwitnessed): The checkpoint of 40 entries is not witnessed: quorum 'two' not met: cosigned by a; missing b, c.", error, StringComparison.Ordinal);

        // Cosignatures over another tree of the same size, signed by the log: witnessed, but not the tree this export holds.
        using var signing = LoadSigningKey();
        var fork = signing.Sign(latest.Origin, latest.TreeSize, SHA256.HashData("another tree"u8), latest.Time);
        var forked = _ws.Write("fork.note", CheckpointNote.Format(fork, publicKey) + a.Cosign(fork.Body(), now) + b.Cosign(fork.Body(), now));
        (code, _, error) = await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key, "--witnessed", forked, "--witness-policy", policy);
        Assert.Equal(1, code);
        Assert.Contains("FAILED (", error, StringComparison.Ordinal);

        // A note the log did not sign.
        var altered = _ws.Write("altered.note", File.ReadAllText(witnessed).Replace("\n40\n", "\n39\n", StringComparison.Ordinal));
        (code, _, error) = await RunProcessAsync("audit", "verify", "--file", export, "--public-key", key, "--witnessed", altered, "--witness-policy", policy);
        Assert.Equal(1, code);
        Assert.Contains("FAILED (checkpoint.forged)", error, StringComparison.Ordinal);

        // Bad input: no policy, or both a saved checkpoint and a witnessed one.
        Assert.Equal(2, await _ws.RunAsync("audit", "verify", "--file", export, "--public-key", key, "--witnessed", witnessed));
        Assert.Equal(2, await _ws.RunAsync("audit", "verify", "--file", export, "--public-key", key, "--witness-policy", policy));
        Assert.Equal(2, await _ws.RunAsync("audit", "verify", "--file", export, "--public-key", key, "--witnessed", witnessed, "--witness-policy", policy, "--checkpoint", witnessed));
    }

    [Fact]
    public async Task The_witness_report_lists_each_misbehaviour_with_its_evidence_and_exits_1()
    {
        Assert.Equal(0, await _ws.RunAsync("federation", "witness-report"));
        await PrepareAsync();
        var (latest, publicKey) = await LatestCheckpointAsync();
        var note = CheckpointNote.Format(latest, publicKey);
        using (var store = new WitnessStore(_ws.Data))
        {
            await store.AppendReportAsync(new WitnessReport(DateTimeOffset.Parse("2026-12-07T21:00:00Z", CultureInfo.InvariantCulture), "concordat/audit",
                WitnessMisbehaviour.Fork, "dwp", "A checkpoint of size 40 with another root than the one cosigned.", note, note, 40, []), CancellationToken.None);
        }

        var (code, output, _) = await RunProcessAsync("federation", "witness-report", "--evidence");
        Assert.Equal(1, code);
        Assert.Contains("2026-12-07T21:00:00Z FORK (two trees of one size): concordat/audit (submitted by dwp): had cosigned size 40, offered size 40.", output, StringComparison.Ordinal);
        Assert.Contains("refused:\n" + note, output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("1 report(s) in ", output, StringComparison.Ordinal);
    }

    private AuditSigningKey LoadSigningKey()
    {
        var keys = Path.Combine(_ws.Data, "keys");
        var (sealer, _, _) = MasterKeyFile.LoadOrCreate(keys, null);
        using (sealer)
        {
            return AuditKeyFiles.LoadOrCreateSigningKey(keys, sealer).Key;
        }
    }

    private async Task<(Checkpoint Latest, AuditPublicKey PublicKey)> LatestCheckpointAsync()
    {
        var keys = Path.Combine(_ws.Data, "keys");
        var signing = LoadSigningKey();
        using var database = new SqliteDatabase(_ws.DatabasePath);
        database.Migrate();
        using var ledger = SqliteAuditLedger.OpenBeside(database);
        await using var log = new AuditEngine(ledger, new CheckpointAnchorFile(keys), signing, AuditEngine.DefaultOrigin, TimeProvider.System);
        return ((await log.GetLatestCheckpointAsync(CancellationToken.None))!, signing.PublicKey);
    }

    // The proof the portal downloads for entry <index>, against the latest checkpoint, from the workspace's log.
    private async Task<byte[]> ProofAsync(long index)
    {
        var keys = Path.Combine(_ws.Data, "keys");
        var (sealer, _, _) = MasterKeyFile.LoadOrCreate(keys, null);
        using (sealer)
        {
            var (signing, _) = AuditKeyFiles.LoadOrCreateSigningKey(keys, sealer);
            using (signing)
            {
                using var database = new SqliteDatabase(_ws.DatabasePath);
                using var ledger = SqliteAuditLedger.OpenBeside(database);
                await using var log = new AuditEngine(ledger, new CheckpointAnchorFile(keys), signing, AuditEngine.DefaultOrigin, TimeProvider.System);
                var entry = (await log.GetEntryAsync(index, default))!;
                var proof = await AuditEvidence.ProveAsync(log, entry, (await log.GetLatestCheckpointAsync(default))!, default);
                Assert.True(proof.Verified);
                return EntryProofFile.Write(proof, log.PublicKey);
            }
        }
    }

    private async Task<(string Export, string Key)> PrepareAsync()
    {
        Assert.Equal(0, await _ws.RunAsync("audit", "public-key", "--out", _ws.PathOf("audit-key.jwk")));
        await AppendAsync(0, 25);
        Assert.Equal(0, await _ws.RunAsync("audit", "checkpoint"));
        await AppendAsync(25, 15);
        Assert.Equal(0, await _ws.RunAsync("audit", "checkpoint"));
        var export = _ws.PathOf("audit.ndjson");
        Assert.Equal(0, await _ws.RunAsync("audit", "export", "--out", export));
        return (export, _ws.PathOf("audit-key.jwk"));
    }

    private async Task AppendAsync(int from, int count)
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
                        AgreementId = "agr-1",
                        Purpose = "benefit-eligibility",
                        Action = "lookup",
                        DatasetId = "hmrc-taxpayers",
                        Fields = ["nino"],
                        Outcome = AuditOutcome.Permitted,
                        SubjectKeys = [new SubjectKey(Enumerable.Repeat((byte)i, 32).ToArray())],
                    }, CancellationToken.None);
                }
            }
        }
    }

    private async Task AssertFailsAsync(string[] lines, string key, string code, string pinpoint)
    {
        var path = _ws.PathOf(Guid.NewGuid().ToString("N") + ".ndjson");
        File.WriteAllLines(path, lines);
        var (exit, _, error) = await RunProcessAsync("audit", "verify", "--file", path, "--public-key", key);
        Assert.Equal(1, exit);
        Assert.Contains(code, error, StringComparison.Ordinal);
        Assert.Contains(pinpoint, error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> RunProcessAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "concordat.dll"));
        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(_ws.Data);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
