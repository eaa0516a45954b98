using System.Security.Cryptography;
using System.Text;

namespace Concordat.Core.Ingestion;

/// <summary>
/// A record's canonical JSON and its SHA-256, computed once on the reading side of the ingest pipeline so the
/// single store-writing thread only compares and writes. Kept as UTF-8, the form the stores write, so no thread
/// converts it to a .NET string and back. Immutable.
/// </summary>
public sealed class RecordContent
{
    private readonly byte[] _utf8;

    private RecordContent(byte[] utf8, byte[] hash)
    {
        _utf8 = utf8;
        Hash = hash;
    }

    /// <summary>The record's fields as a canonical JSON object, UTF-8 encoded.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>The same bytes as <see cref="Utf8"/>, for writers that take memory rather than a span (a bulk copy).</summary>
    public ReadOnlyMemory<byte> Utf8Memory => _utf8;

    /// <summary>The record's fields as a canonical JSON object (decoded from <see cref="Utf8"/> on each call).</summary>
    public string Json => Encoding.UTF8.GetString(_utf8);

    /// <summary>SHA-256 of the UTF-8 JSON (32 bytes): equal content, equal hash.</summary>
    public byte[] Hash { get; }

    /// <summary>Copies canonical UTF-8 JSON, hashing it.</summary>
    public static RecordContent FromUtf8(ReadOnlySpan<byte> json) => new(json.ToArray(), SHA256.HashData(json));

    /// <summary>Copies canonical UTF-8 JSON, hashing it with a caller's reusable SHA-256 instance.</summary>
    internal static RecordContent FromUtf8(ReadOnlySpan<byte> json, IncrementalHash sha256)
    {
        sha256.AppendData(json);
        var hash = new byte[SHA256.HashSizeInBytes];
        sha256.GetHashAndReset(hash);
        return new(json.ToArray(), hash);
    }
}
