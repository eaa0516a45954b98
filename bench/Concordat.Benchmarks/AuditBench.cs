using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Concordat.Core.Audit;
using Concordat.Storage;
using Concordat.Storage.Sqlite;

namespace Concordat.Benchmarks;

/// <summary>
/// Timed modes for the audit log. <c>audit-append N</c>: N concurrent appends into a fresh SQLite hub through group
/// commit, timed until the last is durably committed. <c>audit-verify N FILE</c>: writes an export of N entries
/// (checkpoint every 10,000) to FILE and its public key to FILE.jwk, then times <see cref="AuditLogVerifier"/> over it.
/// </summary>
internal static class AuditBench
{
    public static async Task<int> AppendAsync(long count)
    {
        await using var stores = BenchStores.Open();
        var log = stores.Get<IAuditLog>();
        {
            // Warm up JIT and the connection pool outside the timing.
            await log.AppendAsync(Entry(0), CancellationToken.None);
            var entries = Enumerable.Range(1, (int)count).Select(i => Entry(i)).ToArray();
            var serverCpu = stores.Location is PostgresStoreLocation postgres ? await PostgresServerCpu.StartAsync(postgres.ConnectionString) : null;
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var tasks = new Task<AuditReceipt>[entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                tasks[i] = log.AppendAsync(entries[i], CancellationToken.None);
            }

            await Task.WhenAll(tasks);
            stopwatch.Stop();
            process.Refresh();
            var hubCpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / count;
            var serverTime = serverCpu is null ? (TimeSpan?)null : await serverCpu.ElapsedAsync();
            var server = serverTime is { } t ? string.Create(CultureInfo.InvariantCulture, $", PostgreSQL backends {t.TotalMicroseconds / count:F1} us") : string.Empty;
            var durability = stores.Location is PostgresStoreLocation ? "synchronous_commit as the server has it" : "synchronous=FULL";
            var checkpoint = await log.CheckpointAsync(CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"audit-append ({stores.Kind}): {count:N0} entries in {stopwatch.Elapsed.TotalSeconds:F2} s = {count / stopwatch.Elapsed.TotalSeconds:N0} entries/s (group commit, {durability}); CPU per entry: benchmark process {hubCpu:F1} us{server}; checkpoint at {checkpoint.TreeSize:N0}"));
        }

        return 0;
    }

    public static async Task<int> VerifyAsync(long count, string path)
    {
        using var key = AuditSigningKey.Create();
        var write = Stopwatch.StartNew();
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var buffer = new ArrayBufferWriter<byte>(1 << 21);
            AuditExportFormat.WriteHeader(buffer, new AuditExportHeader(AuditExportFormat.FormatName, "bench/audit", count, key.KeyId));
            var frontier = new MerkleFrontier();
            for (var i = 0L; i < count; i++)
            {
                var entry = Entry(i);
                var leaf = MerkleHashes.Leaf(AuditEntryCodec.Encode(i, entry));
                frontier.Append(leaf);
                AuditExportFormat.WriteEntry(buffer, new LoggedAuditEntry(i, entry, leaf));
                if ((i + 1) % 10_000 == 0 || i == count - 1)
                {
                    AuditExportFormat.WriteCheckpoint(buffer, key.Sign("bench/audit", i + 1, frontier.Root(), DateTimeOffset.UtcNow));
                }

                if (buffer.WrittenCount > 1 << 20)
                {
                    file.Write(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
            }

            file.Write(buffer.WrittenSpan);
        }

        await File.WriteAllTextAsync(path + ".jwk", key.PublicKey.ToJwk());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {count:N0} entries ({new FileInfo(path).Length / 1e6:F0} MB) in {write.Elapsed.TotalSeconds:F1} s"));
        var stopwatch = Stopwatch.StartNew();
        AuditVerification result;
        await using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            result = await new AuditLogVerifier(key.PublicKey).VerifyAsync(input, CancellationToken.None);
        }

        stopwatch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit-verify: {result.Entries:N0} entries, {result.Checkpoints:N0} checkpoints in {stopwatch.Elapsed.TotalSeconds:F2} s = {result.Entries / stopwatch.Elapsed.TotalSeconds:N0} entries/s; valid: {result.IsValid}"));
        return result.IsValid ? 0 : 1;
    }

    private static AuditEntry Entry(long i) => new()
    {
        Time = DateTimeOffset.UnixEpoch.AddYears(56).AddTicks(i * 10),
        ClientId = "dwp-service",
        OrganisationId = "dwp",
        AgreementId = "agr-dwp-hmrc-2026-0" + (i % 7).ToString(CultureInfo.InvariantCulture),
        Purpose = "Checking entitlement to Pension Credit",
        Action = "lookup",
        DatasetId = "hmrc-taxpayers",
        Fields = ["nino", "familyName", "dateOfBirth", "postcode"],
        Outcome = i % 20 == 0 ? AuditOutcome.Denied : AuditOutcome.Permitted,
        ReasonCode = i % 20 == 0 ? "agreement.field_not_permitted" : null,
        SubjectKeys = [new SubjectKey(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))],
        TraceId = "00-" + i.ToString("x32", CultureInfo.InvariantCulture) + "-00f067aa0ba902b7-01",
    };

    /// <summary>Single-threaded CPU split of verification: parse, re-encode, hash, per line.</summary>
    public static int VerifySplit(string path)
    {
        var lines = File.ReadAllBytes(path);
        var ranges = new List<(int, int)>();
        for (int start = 0, i; start < lines.Length; start = i + 1)
        {
            i = Array.IndexOf(lines, (byte)'\n', start);
            if (i < 0)
            {
                i = lines.Length;
            }

            ranges.Add((start, i - start));
        }

        var parsed = new List<LoggedAuditEntry>(ranges.Count);
        var stopwatch = Stopwatch.StartNew();
        foreach (var (start, length) in ranges)
        {
            if (AuditExportFormat.ReadLine(lines.AsSpan(start, length)).Entry is { } entry)
            {
                parsed.Add(entry);
            }
        }

        var parse = stopwatch.Elapsed.TotalSeconds;
        var buffer = new ArrayBufferWriter<byte>(1024);
        var encoded = new List<byte[]>(parsed.Count);
        stopwatch.Restart();
        foreach (var entry in parsed)
        {
            buffer.ResetWrittenCount();
            AuditEntryCodec.Encode(entry.Index, entry.Entry, buffer);
            encoded.Add(buffer.WrittenSpan.ToArray());
        }

        var encode = stopwatch.Elapsed.TotalSeconds;
        var frontier = new MerkleFrontier();
        var leaf = new byte[MerkleHashes.Size];
        stopwatch.Restart();
        foreach (var bytes in encoded)
        {
            MerkleHashes.Leaf(bytes, leaf);
            frontier.Append(leaf);
        }

        var hash = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit-verify-split: {parsed.Count:N0} entries; parse {parse:F2} s, encode {encode:F2} s, leaf+tree {hash:F2} s (one thread each)"));
        return 0;
    }
}
