using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Storage.Postgres;
using Npgsql;

namespace Concordat.Storage.Tests.Contracts.Postgres;

/// <summary>
/// PostgreSQL's migration 0009 (issue 15.13): its data step re-takes, in C#, the hashes of versions stored before
/// numbers were canonical, so the first load after the upgrade versions nothing. The SQLite twin is
/// <c>ChangeDetectionTests</c>.
/// </summary>
public sealed class PostgresCanonicalHashMigrationTests(PostgresStores postgres) : StoreContract, IClassFixture<PostgresStores>
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);

    [Fact]
    public async Task After_the_upgrade_versions_stored_with_trailing_zeros_are_not_versioned_again()
    {
        await Stores.SeedDatasetAsync();
        var now = TestStores.At(2026, 1, 1);
        var schema = new DatasetSchema([new SchemaField("awardId", FieldType.String), new SchemaField("amount", FieldType.Number)], ["awardId"]);
        Assert.True((await Stores.Catalogue.CreateDatasetAsync(new Dataset("dwp-awards", "hmrc", "Awards", schema) { CreatedAt = now, UpdatedAt = now }, default)).IsSuccess);
        var mapping = new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.Csv },
            Mode = RefreshMode.Incremental,
            Fields = [new FieldMapping("awardId") { From = "ID" }, new FieldMapping("amount") { From = "AMOUNT" }],
        };
        var service = new IngestService(Stores.Catalogue, Stores.Ingest, TimeProvider.System);
        Task<IngestRun> Ingest(string csv) => service.IngestAsync(
            new IngestRequest("dwp-awards", "test", mapping, "test") { Content = new MemoryStream(Encoding.UTF8.GetBytes("ID,AMOUNT\n" + csv)) }, default)
            .ContinueWith(t => t.Result.Value, TaskScheduler.Default);
        Assert.Equal(3, (await Ingest("A1,211.00\nA2,5.50\nA3,8\n")).Counts.VersionsCreated);

        // Make two versions what the code before issue 15.13 wrote (numbers as given, hash over that text), and mark the
        // re-hashing migration as not yet applied, as on a hub being upgraded.
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var (key, payload) in new[] { ("A1", """{"awardId":"A1","amount":211.00}"""), ("A2", """{"awardId":"A2","amount":5.50}""") })
            {
                await using var update = new NpgsqlCommand("UPDATE record_versions SET payload = $1, content_hash = $2 WHERE record_key = $3", connection);
                update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
                update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SHA256.HashData(Encoding.UTF8.GetBytes(payload)) });
                update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
                Assert.Equal(1, await update.ExecuteNonQueryAsync());
            }

            await using var forget = new NpgsqlCommand("DELETE FROM schema_migrations WHERE version = 9", connection);
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        Assert.Equal([9], Stores.Get<PostgresDatabase>().Migrate());
        var run = await Ingest("A1,211.0\nA2,5.5\nA3,8.000\n");

        Assert.Equal((0L, 3L), (run.Counts.VersionsCreated, run.Counts.Unchanged));
        var stored = await Stores.Records.GetRecordAsync("dwp-awards", "A1", default);
        Assert.Equal(1, stored!.Version);
        Assert.Contains("\"amount\":211.00", stored.PayloadJson, StringComparison.Ordinal);
    }
}
