using System.Buffers;
using System.Text;
using Concordat.Core.Audit;

namespace Concordat.Core.Tests.Audit;

/// <summary>Sample entries and exported logs built straight from Core, for codec and verifier tests.</summary>
internal static class AuditSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static AuditEntry Entry(int i) => new()
    {
        Time = Start.AddMilliseconds(i * 1.5),
        ClientId = "dwp-service",
        OrganisationId = "dwp",
        AgreementId = i % 3 == 0 ? null : "agr-" + (i % 5),
        Purpose = "benefit-eligibility",
        Action = i % 2 == 0 ? "lookup" : "extract",
        DatasetId = "hmrc-taxpayers",
        Fields = ["nino", "familyName", "dateOfBirth"],
        Outcome = i % 7 == 0 ? AuditOutcome.Denied : AuditOutcome.Permitted,
        ReasonCode = i % 7 == 0 ? "agreement.not_active" : null,
        SubjectKeys = [new SubjectKey(Enumerable.Repeat((byte)i, 32).ToArray())],
        TraceId = "00-" + i.ToString("x32") + "-0000000000000001-01",
    };

    /// <summary>An export of <paramref name="count"/> entries with a checkpoint after every <paramref name="every"/> entries and at the end.</summary>
    public static List<string> Export(AuditSigningKey key, int count, int every)
    {
        var lines = new List<string>();
        var buffer = new ArrayBufferWriter<byte>();
        AuditExportFormat.WriteHeader(buffer, new AuditExportHeader(AuditExportFormat.FormatName, "test/audit", count, key.KeyId));
        Take(buffer, lines);
        var tree = new MerkleTree();
        for (var i = 0; i < count; i++)
        {
            var leaf = MerkleHashes.Leaf(AuditEntryCodec.Encode(i, Entry(i)));
            tree.Append(leaf);
            AuditExportFormat.WriteEntry(buffer, new LoggedAuditEntry(i, Entry(i), leaf));
            Take(buffer, lines);
            if ((i + 1) % every == 0 || i == count - 1)
            {
                AuditExportFormat.WriteCheckpoint(buffer, key.Sign("test/audit", i + 1, tree.RootHash(i + 1), Start.AddMinutes(i)));
                Take(buffer, lines);
            }
        }

        return lines;
    }

    public static Stream ToStream(IEnumerable<string> lines) => new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));

    /// <summary>The line index (0-based, in the list) of entry <paramref name="index"/>.</summary>
    public static int LineOf(List<string> lines, int index) => lines.FindIndex(l => l.Contains($"\"type\":\"entry\",\"index\":{index},", StringComparison.Ordinal));

    private static void Take(ArrayBufferWriter<byte> buffer, List<string> lines)
    {
        lines.Add(Encoding.UTF8.GetString(buffer.WrittenSpan).TrimEnd('\n'));
        buffer.ResetWrittenCount();
    }
}
