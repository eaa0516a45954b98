using System.Text;
using Concordat.Core.Ingestion;
using Concordat.Storage.Tests.Contracts;

namespace Concordat.Storage.Tests.Sqlite;

/// <summary>SQLite's own side of look-ups by field: the expression index it builds on first use.</summary>
public sealed class FindByFieldIndexTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private void Load(RefreshMode mode, params (string Key, string Json)[] rows)
    {
        using var session = _db.Ingest.Begin(new IngestRunStart("hmrc-taxpayers", "test", SourceFormat.Csv, mode, "test", DateTimeOffset.UtcNow));
        long row = 0;
        foreach (var (key, json) in rows)
        {
            session.Apply(key, RecordContent.FromUtf8(Encoding.UTF8.GetBytes(json)), ++row);
        }

        session.Commit(new IngestCounts { RowsRead = rows.Length, RowsLoaded = rows.Length }, mode == RefreshMode.Full, null, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Finds_the_current_record_by_a_non_key_field_through_an_index()
    {
        await _db.SeedDatasetAsync();
        Load(RefreshMode.Full, ("R1", """{"nino":"AB123456C","name":"Ann"}"""), ("R2", """{"nino":"CE987654D","name":"Bob"}"""));

        var found = await _db.Records.FindCurrentByFieldAsync("hmrc-taxpayers", "nino", "CE987654D", 5, default);
        Assert.Equal("R2", Assert.Single(found).Key);

        using var connection = _db.Database.Open();
        using var plan = connection.CreateCommand();
        plan.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'ix_record_field_%_nino'";
        Assert.Equal(1L, (long)plan.ExecuteScalar()!);
        plan.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'ix_record_field_%_nino'";
        var index = (string)plan.ExecuteScalar()!;
        var datasetNo = index.Split('_')[3];
        plan.CommandText = $"EXPLAIN QUERY PLAN SELECT record_key FROM record_versions v WHERE v.dataset_no = {datasetNo} AND json_extract(payload, '$.nino') = 'x'";
        using var reader = plan.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        Assert.Contains(steps, step => step.Contains(index, StringComparison.Ordinal));
    }
}
