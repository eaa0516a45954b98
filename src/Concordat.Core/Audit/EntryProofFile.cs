using System.Buffers;
using System.Text.Json;

namespace Concordat.Core.Audit;

/// <summary>
/// The file an audit reader keeps to show one entry was logged (<c>concordat-audit-proof/1</c>, JSON): the entry's
/// canonical bytes (base64) and the same entry in readable members, its RFC 9162 inclusion proof in the tree of a
/// signed checkpoint, that checkpoint (the form <c>concordat audit verify --checkpoint</c> reads) and the hub's public
/// key for reference. <see cref="Verify"/> checks it offline against a public key the reader obtained out of band:
/// the entry's bytes hash to the leaf, the audit path leads from that leaf to the checkpoint's root, and the
/// checkpoint's signature verifies. Hashes are base64, as in the API's proofs.
/// </summary>
public static class EntryProofFile
{
    /// <summary>The format name in the file's <c>format</c> member.</summary>
    public const string Format = "concordat-audit-proof/1";

    /// <summary>The longest file <see cref="Verify"/> reads, in bytes (an entry is at most about 18 KB, a path at most 64 hashes).</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>The file of <paramref name="proof"/>, as UTF-8 JSON.</summary>
    public static byte[] Write(EntryProof proof, AuditPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(key);
        var entry = proof.Entry.Entry;
        var checkpoint = proof.Checkpoint.Checkpoint;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("index", proof.Entry.Index);
            json.WriteString("entryBytes", Convert.ToBase64String(AuditEntryCodec.Encode(proof.Entry.Index, entry)));
            json.WriteStartObject("entry");
            json.WriteString("time", entry.Time);
            json.WriteString("clientId", entry.ClientId);
            json.WriteString("organisationId", entry.OrganisationId);
            json.WriteString("agreementId", entry.AgreementId);
            json.WriteString("purpose", entry.Purpose);
            json.WriteString("action", entry.Action);
            json.WriteString("datasetId", entry.DatasetId);
            json.WriteStartArray("fields");
            foreach (var field in entry.Fields)
            {
                json.WriteStringValue(field);
            }

            json.WriteEndArray();
            json.WriteString("outcome", entry.Outcome == AuditOutcome.Permitted ? "permitted" : "denied");
            json.WriteString("reasonCode", entry.ReasonCode);
            json.WriteStartArray("subjectKeys");
            foreach (var subject in entry.SubjectKeys)
            {
                json.WriteStringValue(subject.ToString());
            }

            json.WriteEndArray();
            json.WriteString("traceId", entry.TraceId);
            json.WriteEndObject();
            json.WriteString("leafHash", Convert.ToBase64String(proof.Entry.LeafHash));
            json.WriteNumber("treeSize", checkpoint.TreeSize);
            json.WriteStartArray("auditPath");
            foreach (var hash in proof.Hashes)
            {
                json.WriteStringValue(Convert.ToBase64String(hash));
            }

            json.WriteEndArray();
            json.WritePropertyName("checkpoint");
            AuditExportFormat.WriteCheckpointObject(json, checkpoint, withType: false);
            json.WritePropertyName("publicKey");
            using (var jwk = JsonDocument.Parse(key.ToJwk()))
            {
                jwk.RootElement.WriteTo(json);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Checks a proof file against <paramref name="key"/> (never the key inside the file): the entry and the
    /// checkpoint it is proved to be in, or why not (<c>proof.malformed</c>, <c>proof.bad_signature</c>,
    /// <c>proof.not_included</c>).
    /// </summary>
    public static Result<VerifiedEntry> Verify(ReadOnlySpan<byte> file, AuditPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (file.Length > MaxLength)
        {
            return Malformed($"The file is over {MaxLength} bytes; a proof is much smaller.");
        }

        try
        {
            using var document = JsonDocument.Parse(file.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                return Malformed($"The file is not a {Format} proof.");
            }

            var bytes = Convert.FromBase64String(root.GetProperty("entryBytes").GetString() ?? "");
            var (index, entry) = AuditEntryCodec.Decode(bytes);
            var treeSize = root.GetProperty("treeSize").GetInt64();
            var path = root.GetProperty("auditPath").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString() ?? "")).ToList();
            var checkpoint = AuditExportFormat.ReadCheckpoint(System.Text.Encoding.UTF8.GetBytes(root.GetProperty("checkpoint").GetRawText()));
            if (!checkpoint.IsSuccess)
            {
                return Malformed(checkpoint.Errors[0].Message);
            }

            if (root.GetProperty("index").GetInt64() != index)
            {
                return Malformed("The entry's bytes name another index than the file does.");
            }

            if (!key.Verify(checkpoint.Value))
            {
                return Error.Validation("proof.bad_signature", "The checkpoint's signature does not verify with this public key.");
            }

            if (treeSize != checkpoint.Value.TreeSize
                || !MerkleProofs.VerifyInclusion(index, treeSize, MerkleHashes.Leaf(bytes), path, checkpoint.Value.RootHash))
            {
                return Error.Validation("proof.not_included", "The audit path does not lead from this entry to the checkpoint's root: the entry is not proved to be in the log.");
            }

            return new VerifiedEntry(index, entry, checkpoint.Value);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException or InvalidDataException)
        {
            return Malformed("The file is not a readable proof: " + ex.Message);
        }
    }

    private static Error Malformed(string message) => Error.Validation("proof.malformed", message);
}
