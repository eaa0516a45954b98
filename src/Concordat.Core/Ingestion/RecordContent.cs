using System.Security.Cryptography;
using System.Text;

namespace Concordat.Core.Ingestion;

/// <summary>
/// A record's canonical JSON and its SHA-256, computed once on the reading side of the ingest pipeline so the
/// single store-writing thread only compares and writes. Immutable.
/// </summary>
public sealed class RecordContent
{
    private RecordContent(string json, byte[] hash)
    {
        Json = json;
        Hash = hash;
    }

    /// <summary>The record's fields as a canonical JSON object.</summary>
    public string Json { get; }

    /// <summary>SHA-256 of the UTF-8 JSON (32 bytes): equal content, equal hash.</summary>
    public byte[] Hash { get; }

    /// <summary>Wraps canonical UTF-8 JSON, hashing it.</summary>
    public static RecordContent FromUtf8(ReadOnlySpan<byte> json) => new(Encoding.UTF8.GetString(json), SHA256.HashData(json));
}
