using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Ingestion;
using CsCheck;

namespace Concordat.Core.Tests.Ingestion;

public sealed class RecordContentTests
{
    [Fact]
    public void Reused_hasher_gives_the_one_shot_sha256_for_every_payload_in_turn()
    {
        // The stored content hash decides whether a re-run writes a version, so the pipeline's reused hasher must give
        // exactly what earlier runs stored through the one-shot hash, row after row.
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Gen.String.Sample(text =>
        {
            var json = Encoding.UTF8.GetBytes("{\"v\":\"" + text + "\"}");
            var reused = RecordContent.FromUtf8(json, sha256);
            var oneShot = RecordContent.FromUtf8(json);

            Assert.Equal(SHA256.HashData(json), reused.Hash);
            Assert.Equal(oneShot.Hash, reused.Hash);
            Assert.Equal(json, reused.Utf8.ToArray());
            Assert.Equal(oneShot.Json, reused.Json);
        }, threads: 1); // one hasher used row after row, as one pipeline thread does; IncrementalHash is not thread safe
    }
}
