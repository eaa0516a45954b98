using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using CsCheck;

namespace Concordat.Core.Tests.Audit;

/// <summary>
/// Export files written by someone trying to get a bad log past the verifier, or a good one refused: checkpoint lines
/// moved anywhere, members given twice, checkpoints that say more than the entries hold (issue 15 item 9).
/// </summary>
public sealed class HostileExportTests : IDisposable
{
    private readonly AuditSigningKey _key = AuditSigningKey.Create();

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task Checkpoint_lines_moved_to_the_end_or_to_the_start_are_each_checked_and_the_log_verifies()
    {
        var lines = AuditSamples.Export(_key, 100, every: 30);
        var checkpoints = lines.Where(IsCheckpoint).ToList();
        var entries = lines.Where(l => !IsCheckpoint(l)).ToList();

        List<string>[] placements =
        [
            [.. entries, .. checkpoints],
            [entries[0], .. checkpoints, .. entries.Skip(1)],
            [entries[0], .. checkpoints.AsEnumerable().Reverse(), .. entries.Skip(1)],
        ];
        foreach (var moved in placements)
        {
            var result = await VerifyAsync(moved);
            Assert.True(result.IsValid, result.Problem?.Message);
            Assert.Equal(4, result.Checkpoints);
            Assert.Equal(100, result.Latest!.TreeSize);
            Assert.Equal(0, result.UncoveredEntries);
        }
    }

    [Fact]
    public void Wherever_the_checkpoint_lines_sit_a_sound_log_verifies_and_a_rewritten_one_fails()
    {
        var sound = AuditSamples.Export(_key, 40, every: 7);
        var rewritten = Rewrite(sound, 9);
        var checkpointCount = sound.Count(IsCheckpoint);
        Gen.Int[0, 41].Array[checkpointCount].Sample(positions =>
        {
            var good = Place(sound, positions);
            var result = new AuditLogVerifier(_key.PublicKey).VerifyAsync(AuditSamples.ToStream(good), CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(result.IsValid, result.Problem?.Message);
            Assert.Equal(checkpointCount, result.Checkpoints);

            var bad = Place(rewritten, positions);
            var problem = new AuditLogVerifier(_key.PublicKey).VerifyAsync(AuditSamples.ToStream(bad), CancellationToken.None).GetAwaiter().GetResult().Problem;
            Assert.NotNull(problem);
            Assert.Equal("checkpoint.mismatch", problem.Code);
            // The rewritten entry 9 lies in the range reported: from the previous good checkpoint to the failing one.
            Assert.True(problem.Index <= 9, problem.Message);
        }, iter: 100, threads: 1);
    }

    [Fact]
    public async Task A_checkpoint_placed_before_the_entries_it_covers_is_still_checked_against_them()
    {
        var lines = AuditSamples.Export(_key, 30, every: 10);
        // A checkpoint signed by the right key over the wrong root at size 20, placed at the top.
        var wrong = Line(_key.Sign("test/audit", 20, new byte[32], AuditSamples.Start));
        lines.Insert(1, wrong);

        var problem = (await VerifyAsync(lines)).Problem!;
        Assert.Equal("checkpoint.mismatch", problem.Code);
        Assert.Equal(2, problem.Line);
        Assert.Contains("size 20", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_placed_after_the_entries_it_covers_is_still_checked_against_them()
    {
        var lines = AuditSamples.Export(_key, 30, every: 10);
        var wrong = Line(_key.Sign("test/audit", 15, new byte[32], AuditSamples.Start));
        lines.Add(wrong);

        var problem = (await VerifyAsync(lines)).Problem!;
        Assert.Equal("checkpoint.mismatch", problem.Code);
        Assert.Equal(lines.Count, problem.Line);
        Assert.Equal(10, problem.Index);
    }

    [Fact]
    public async Task Two_signed_checkpoints_of_one_size_with_different_roots_are_caught_in_either_order()
    {
        var lines = AuditSamples.Export(_key, 30, every: 10);
        var rival = Line(_key.Sign("test/audit", 10, new byte[32], AuditSamples.Start));
        var genuine = lines.FindIndex(l => IsCheckpoint(l) && l.Contains("\"treeSize\":10,", StringComparison.Ordinal));

        foreach (var at in new[] { genuine, genuine + 1, lines.Count })
        {
            var forked = lines.ToList();
            forked.Insert(at, rival);
            Assert.Equal("checkpoint.mismatch", (await VerifyAsync(forked)).Problem!.Code);
        }
    }

    [Fact]
    public async Task A_checkpoint_covering_more_entries_than_the_export_holds_names_the_first_missing_entry()
    {
        var lines = AuditSamples.Export(_key, 30, every: 10);
        lines.RemoveAt(0); // no header to give the size away
        var cut = lines.Where(l => !l.Contains("\"index\":29,", StringComparison.Ordinal)).ToList();

        var problem = (await VerifyAsync(cut)).Problem!;
        Assert.Equal("entry.missing", problem.Code);
        Assert.Equal(29, problem.Index);
    }

    [Theory]
    [InlineData("purpose", "\"Something else\"")]
    [InlineData("leafHash", "\"0000000000000000000000000000000000000000000000000000000000000000\"")]
    [InlineData("index", "3")]
    [InlineData("subjectKeys", "[]")]
    public async Task An_entry_line_that_gives_a_member_twice_is_malformed_whichever_copy_comes_first(string member, string other)
    {
        var lines = AuditSamples.Export(_key, 10, every: 10);
        var at = AuditSamples.LineOf(lines, 4);
        var entry = JsonNode.Parse(lines[at])!.AsObject();
        var original = entry[member]!.ToJsonString();
        foreach (var (first, second) in new[] { (original, other), (other, original) })
        {
            var text = lines[at].Replace($"\"{member}\":{original}", $"\"{member}\":{first},\"{member}\":{second}", StringComparison.Ordinal);
            Assert.NotEqual(lines[at], text);
            var hostile = lines.ToList();
            hostile[at] = text;
            var problem = (await VerifyAsync(hostile)).Problem!;
            Assert.Equal("entry.malformed", problem.Code);
            Assert.Contains($"Duplicate member '{member}'", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_repeated_under_an_escaped_name_is_still_a_duplicate()
    {
        var lines = AuditSamples.Export(_key, 10, every: 10);
        var at = AuditSamples.LineOf(lines, 2);
        lines[at] = lines[at].Replace("\"purpose\":", "\"purpos\\u0065\":\"Disguised\",\"purpose\":", StringComparison.Ordinal);

        var problem = (await VerifyAsync(lines)).Problem!;
        Assert.Equal("entry.malformed", problem.Code);
        Assert.Contains("Duplicate member 'purpose'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("treeSize", "1")]
    [InlineData("rootHash", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"")]
    [InlineData("type", "\"header\"")]
    public async Task A_checkpoint_or_header_line_that_gives_a_member_twice_is_malformed(string member, string other)
    {
        var lines = AuditSamples.Export(_key, 10, every: 5);
        var at = lines.FindIndex(IsCheckpoint);
        var checkpoint = JsonNode.Parse(lines[at])!.AsObject();
        lines[at] = lines[at].Replace($"\"{member}\":{checkpoint[member]!.ToJsonString()}", $"\"{member}\":{checkpoint[member]!.ToJsonString()},\"{member}\":{other}", StringComparison.Ordinal);
        var problem = (await VerifyAsync(lines)).Problem!;
        Assert.Contains($"Duplicate member '{member}'", problem.Message, StringComparison.Ordinal);

        var header = AuditSamples.Export(_key, 10, every: 5);
        header[0] = header[0].Replace("\"treeSize\":10", "\"treeSize\":10,\"treeSize\":20", StringComparison.Ordinal);
        Assert.Contains("Duplicate member 'treeSize'", (await VerifyAsync(header)).Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_of_another_kind_of_line_is_refused_not_ignored()
    {
        var lines = AuditSamples.Export(_key, 10, every: 5);
        var entry = AuditSamples.LineOf(lines, 3);
        var withRoot = lines.ToList();
        withRoot[entry] = withRoot[entry].Replace("\"index\":3,", "\"index\":3,\"rootHash\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",", StringComparison.Ordinal);
        var problem = (await VerifyAsync(withRoot)).Problem!;
        Assert.Equal("entry.malformed", problem.Code);
        Assert.Contains("'rootHash' does not belong in an entry line", problem.Message, StringComparison.Ordinal);

        var checkpoint = lines.FindIndex(IsCheckpoint);
        var withPurpose = lines.ToList();
        withPurpose[checkpoint] = withPurpose[checkpoint].Replace("\"type\":\"checkpoint\",", "\"type\":\"checkpoint\",\"purpose\":\"Fraud\",", StringComparison.Ordinal);
        Assert.Contains("'purpose' does not belong in a checkpoint line", (await VerifyAsync(withPurpose)).Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_header_a_foreign_origin_and_a_checkpoint_time_unlike_its_note_are_refused()
    {
        var lines = AuditSamples.Export(_key, 10, every: 5);
        var twoHeaders = lines.ToList();
        twoHeaders.Insert(4, lines[0]);
        Assert.Equal("export.malformed", (await VerifyAsync(twoHeaders)).Problem!.Code);

        var foreign = lines.ToList();
        foreign.Insert(3, Line(_key.Sign("another/log", 2, new byte[32], AuditSamples.Start)));
        var problem = (await VerifyAsync(foreign)).Problem!;
        Assert.Equal("checkpoint.forged", problem.Code);
        Assert.Contains("another/log", problem.Message, StringComparison.Ordinal);

        // Same instant, but not the text the note signs: a JSON time must read exactly as the signed one does.
        var at = lines.FindIndex(IsCheckpoint);
        var node = JsonNode.Parse(lines[at])!.AsObject();
        var time = node["time"]!.GetValue<string>();
        var offset = lines.ToList();
        offset[at] = offset[at].Replace(time, time.Replace("Z", "+00:00", StringComparison.Ordinal), StringComparison.Ordinal);
        problem = (await VerifyAsync(offset)).Problem!;
        Assert.Equal("entry.malformed", problem.Code);
        Assert.Contains("time", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trusted_checkpoint_of_the_empty_log_is_checked_against_the_empty_root()
    {
        var empty = _key.Sign("test/audit", 0, MerkleHashes.EmptyRoot(), AuditSamples.Start);
        var header = AuditSamples.Export(_key, 1, every: 1)[0].Replace("\"treeSize\":1", "\"treeSize\":0", StringComparison.Ordinal);
        var emptyLog = new List<string> { header, Line(empty) };
        var result = await new AuditLogVerifier(_key.PublicKey, empty).VerifyAsync(AuditSamples.ToStream(emptyLog), CancellationToken.None);
        Assert.True(result.IsValid, result.Problem?.Message);
        Assert.True((await new AuditLogVerifier(_key.PublicKey, empty).VerifyAsync(AuditSamples.ToStream(AuditSamples.Export(_key, 20, every: 5)), CancellationToken.None)).IsValid);

        var wrong = _key.Sign("test/audit", 0, new byte[32], AuditSamples.Start);
        var problem = (await new AuditLogVerifier(_key.PublicKey, wrong).VerifyAsync(AuditSamples.ToStream(emptyLog), CancellationToken.None)).Problem!;
        Assert.Equal("checkpoint.mismatch", problem.Code);
    }

    [Fact]
    public void A_saved_checkpoint_is_read_with_its_note_only_when_the_note_is_what_it_signs()
    {
        var checkpoint = _key.Sign("test/audit", 12, new byte[32], AuditSamples.Start.AddMilliseconds(7));
        var api = JsonNode.Parse(AuditJson.Checkpoint(checkpoint))!.AsObject();
        api["note"] = checkpoint.Body();
        var read = AuditExportFormat.ReadCheckpoint(System.Text.Encoding.UTF8.GetBytes(api.ToJsonString()));
        Assert.True(read.IsSuccess, read.IsSuccess ? null : read.Errors[0].Message);
        Assert.True(_key.PublicKey.Verify(read.Value));
        Assert.Equal(checkpoint.Time, read.Value.Time);

        api["note"] = checkpoint.Body().Replace("\n12\n", "\n13\n", StringComparison.Ordinal);
        Assert.Equal("checkpoint.malformed", AuditExportFormat.ReadCheckpoint(System.Text.Encoding.UTF8.GetBytes(api.ToJsonString())).Errors[0].Code);

        api["note"] = checkpoint.Body();
        var twice = System.Text.Encoding.UTF8.GetBytes(api.ToJsonString() + api.ToJsonString());
        Assert.False(AuditExportFormat.ReadCheckpoint(twice).IsSuccess);
    }

    private Task<AuditVerification> VerifyAsync(IEnumerable<string> lines) =>
        new AuditLogVerifier(_key.PublicKey).VerifyAsync(AuditSamples.ToStream(lines), CancellationToken.None);

    private static bool IsCheckpoint(string line) => line.Contains("\"type\":\"checkpoint\"", StringComparison.Ordinal);

    /// <summary>The header and entries in order, with checkpoint <c>i</c> placed just before entry line <c>positions[i]</c> (or at the end).</summary>
    private static List<string> Place(List<string> export, int[] positions)
    {
        var checkpoints = export.Where(IsCheckpoint).ToList();
        var body = export.Skip(1).Where(l => !IsCheckpoint(l)).ToList();
        var placed = new List<string> { export[0] };
        for (var i = 0; i <= body.Count; i++)
        {
            placed.AddRange(checkpoints.Where((_, c) => Math.Min(positions[c], body.Count) == i));
            if (i < body.Count)
            {
                placed.Add(body[i]);
            }
        }

        return placed;
    }

    /// <summary>The export with entry <paramref name="index"/> rewritten and its leaf hash recomputed, so only a checkpoint can tell.</summary>
    private static List<string> Rewrite(List<string> export, int index)
    {
        var rewritten = export.ToList();
        var at = AuditSamples.LineOf(rewritten, index);
        var entry = AuditExportFormat.ReadLine(System.Text.Encoding.UTF8.GetBytes(rewritten[at])).Entry!;
        var changed = entry.Entry with { Purpose = "Rewritten" };
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        AuditExportFormat.WriteEntry(buffer, new LoggedAuditEntry(index, changed, MerkleHashes.Leaf(AuditEntryCodec.Encode(index, changed))));
        rewritten[at] = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan).TrimEnd('\n');
        return rewritten;
    }

    private static string Line(Checkpoint checkpoint)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        AuditExportFormat.WriteCheckpoint(buffer, checkpoint);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan).TrimEnd('\n');
    }
}
