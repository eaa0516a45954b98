using System.Text;
using Concordat.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Infrastructure;

/// <summary>
/// Writes ingest runs straight through the hub's own ingest store (the HTTP ingest endpoint comes later), so the
/// read API is tested against real runs, records and quarantine in the real database.
/// </summary>
public static class IngestSeed
{
    public static long Run(
        ConcordatHost host,
        string datasetId,
        IReadOnlyList<(string Key, string Json)> records,
        IReadOnlyList<(long Row, Dictionary<string, string?> Values, string[] Reasons)>? quarantine = null,
        bool fullRefresh = false)
    {
        var store = host.Services.GetRequiredService<IIngestStore>();
        var start = new IngestRunStart(datasetId, "test-source", SourceFormat.Csv, fullRefresh ? RefreshMode.Full : RefreshMode.Incremental, "tests", DateTimeOffset.UtcNow);
        using var session = store.Begin(start);
        var batch = new IngestWriteBatch(records.Count);
        long sourceRow = 0;
        foreach (var (key, json) in records)
        {
            batch.AddRecord(key, RecordContent.FromUtf8(Encoding.UTF8.GetBytes(json)), ++sourceRow);
        }

        foreach (var (row, values, reasons) in quarantine ?? [])
        {
            batch.AddQuarantined(row, values.ToList(), reasons);
        }

        Assert.Empty(session.Apply(batch).Duplicates);

        var counts = new IngestCounts
        {
            RowsRead = records.Count + (quarantine?.Count ?? 0),
            RowsLoaded = records.Count,
            RowsQuarantined = quarantine?.Count ?? 0,
            VersionsCreated = records.Count,
        };
        return session.Commit(counts, fullRefresh, null, DateTimeOffset.UtcNow).Id;
    }
}
