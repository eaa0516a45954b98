using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Storage.Tests.Sqlite;

namespace Concordat.Storage.Tests.Ingestion;

/// <summary>
/// The first load after the upgrade over versions stored the old way is no change (issue 15.13); values written
/// differently within the new rules are covered on every dialect by the ingest rules contract.
/// </summary>
public sealed class ChangeDetectionTests : IDisposable
{
    private const string Dataset = "dwp-awards";
    private readonly TempDatabase _db = new();
    private readonly IngestService _service;

    public ChangeDetectionTests()
    {
        _service = new IngestService(_db.Catalogue, _db.Ingest, TimeProvider.System);
    }

    private async Task SeedAsync()
    {
        await _db.SeedDatasetAsync();
        var schema = new DatasetSchema(
            [
                new SchemaField("awardId", FieldType.String),
                new SchemaField("amount", FieldType.Number) { Unit = "GBP" },
                new SchemaField("weeks", FieldType.Integer),
                new SchemaField("active", FieldType.Boolean),
                new SchemaField("startDate", FieldType.Date),
                new SchemaField("decidedAt", FieldType.DateTime),
            ],
            ["awardId"]);
        var now = DateTimeOffset.UtcNow;
        Assert.True((await _db.Catalogue.CreateDatasetAsync(new Dataset(Dataset, "hmrc", "Awards", schema) { CreatedAt = now, UpdatedAt = now }, default)).IsSuccess);
    }

    private async Task<IngestRun> IngestAsync(string csv)
    {
        var mapping = new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.Csv },
            Mode = RefreshMode.Incremental,
            Fields =
            [
                new FieldMapping("awardId") { From = "ID" },
                new FieldMapping("amount") { From = "AMOUNT" },
                new FieldMapping("weeks") { From = "WEEKS" },
                new FieldMapping("active") { From = "ACTIVE" },
                new FieldMapping("startDate") { From = "START", Transforms = [new TransformSpec("parseDate") { Formats = ["dd/MM/yyyy", "yyyyMMdd"] }] },
                new FieldMapping("decidedAt") { From = "DECIDED" },
            ],
        };
        var result = await _service.IngestAsync(
            new IngestRequest(Dataset, "test", mapping, "test") { Content = new MemoryStream(Encoding.UTF8.GetBytes("ID,AMOUNT,WEEKS,ACTIVE,START,DECIDED\n" + csv)) },
            CancellationToken.None);
        Assert.Equal(IngestRunStatus.Succeeded, result.Value.Status);
        return result.Value;
    }

    [Fact]
    public async Task After_the_upgrade_versions_stored_with_trailing_zeros_are_not_versioned_again()
    {
        await SeedAsync();
        await IngestAsync("A1,211.00,7,Y,01/02/2024,2024-06-01T12:00:00Z\nA2,5.50,1,N,02/02/2024,2024-06-01T12:00:00Z\nA3,8,1,N,02/02/2024,2024-06-01T12:00:00Z\n");

        // Make the stored versions what the code before issue 15.13 wrote (numbers as given, hash over that text),
        // and mark the re-hashing migration as not yet applied, as on a hub being upgraded.
        using (var connection = _db.Database.Open())
        {
            foreach (var (key, payload) in new[]
            {
                ("A1", """{"awardId":"A1","amount":211.00,"weeks":7,"active":true,"startDate":"2024-02-01","decidedAt":"2024-06-01T12:00:00Z"}"""),
                ("A2", """{"awardId":"A2","amount":5.50,"weeks":1,"active":false,"startDate":"2024-02-02","decidedAt":"2024-06-01T12:00:00Z"}"""),
            })
            {
                using var update = connection.CreateCommand();
                update.CommandText = "UPDATE record_versions SET payload = $p, content_hash = $h WHERE record_key = $k";
                update.Parameters.AddWithValue("$p", payload);
                update.Parameters.AddWithValue("$h", SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
                update.Parameters.AddWithValue("$k", key);
                Assert.Equal(1, update.ExecuteNonQuery());
            }

            using var forget = connection.CreateCommand();
            forget.CommandText = "DELETE FROM schema_migrations WHERE name = '0009_canonical_number_hashes.sql'";
            Assert.Equal(1, forget.ExecuteNonQuery());
        }

        _db.Database.Migrate();
        var run = await IngestAsync("A1,211.0,7,Y,01/02/2024,2024-06-01T12:00:00Z\nA2,5.5,1,N,02/02/2024,2024-06-01T12:00:00Z\nA3,8.000,1,N,02/02/2024,2024-06-01T12:00:00Z\n");

        Assert.Equal((0L, 3L), (run.Counts.VersionsCreated, run.Counts.Unchanged));
        var stored = await _db.Records.GetRecordAsync(Dataset, "A1", default);
        Assert.Equal(1, stored!.Version);
        Assert.Contains("\"amount\":211.00", stored.PayloadJson, StringComparison.Ordinal);
    }

    public void Dispose() => _db.Dispose();
}
