using System.Security.Cryptography;
using Concordat.Core.Audit;
using Concordat.Core.Federation;
using Concordat.Server.Federation;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Tests.Federation;

/// <summary>The message log's group commit: concurrent appends share flushes, and every one is on disk when it returns.</summary>
public sealed class FederationMessageLogTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "concordat-message-log-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Concurrent_appends_each_return_with_their_own_messages_on_disk()
    {
        var log = new FederationMessageLog(Options.Create(new ConcordatOptions { DataDirectory = _data }));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var thumbprint = Convert.ToBase64String(SHA256.HashData(key.ExportSubjectPublicKeyInfo())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var ids = Enumerable.Range(0, 200).Select(_ => ExchangeEvidence.NewExchangeId()).ToArray();

        await Task.WhenAll(ids.Select((id, i) => Task.Run(() =>
        {
            var request = SignedExchangeMessage.Sign("request",
            [
                new("id", id), new("from", "leeds-council"), new("to", "dwp"), new("client", "leeds-council-service"),
                new("action", "lookup"), new("time", "2026-12-07T21:00:00Z"), new("body", SignedExchangeMessage.BodyDigest([(byte)i])),
            ], key, thumbprint);
            log.Append(id, request, null);
            // Returned only once durable: the line is already in the file, whole.
            Assert.Equal(request.Text, log.Find(id)!.Value.Request.Text);
        })));

        var lines = await File.ReadAllLinesAsync(log.Path);
        Assert.Equal(ids.Length, lines.Length);
        Assert.Equal(ids.Order(StringComparer.Ordinal), lines.Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
