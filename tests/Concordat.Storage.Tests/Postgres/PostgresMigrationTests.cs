using Concordat.Storage.Postgres;
using Concordat.Storage.Tests.Contracts;
using Npgsql;

namespace Concordat.Storage.Tests.Postgres;

/// <summary>Migrations on PostgreSQL: several nodes starting at once against one empty database migrate it once.</summary>
public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private readonly string _name = $"concordat_test_migration_{Guid.NewGuid():N}"[..48];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await PostgresStores.CreateDatabaseAsync(_name);

    public Task DisposeAsync() => PostgresStores.DropDatabaseAsync(_name);

    [Fact]
    public async Task Nodes_starting_together_migrate_once_and_all_start()
    {
        const int Nodes = 6;
        var location = new PostgresStoreLocation(_connectionString, "postgresql://test/" + _name);
        using var gate = new Barrier(Nodes);
        var starters = Enumerable.Range(0, Nodes).Select(_ => Task.Run(() =>
        {
            using var database = new PostgresDatabase(location);
            gate.SignalAndWait();
            return database.Migrate();
        })).ToArray();

        var applied = await Task.WhenAll(starters);

        // Exactly one node applied each migration; the others waited on the lock and found nothing to do.
        var expected = MigrationScripts.Load("Postgres").Select(m => m.Version).ToList();
        Assert.Equal(expected, applied.SelectMany(a => a).Order());
        Assert.Single(applied, a => a.Count > 0);
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), count(DISTINCT version) FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(expected.Count, reader.GetInt64(0));
        Assert.Equal(expected.Count, reader.GetInt64(1));
    }

    [Fact]
    public async Task Integrity_check_names_a_migration_the_build_does_not_know()
    {
        var location = new PostgresStoreLocation(_connectionString, "postgresql://test/" + _name);
        await using var database = new PostgresDatabase(location);
        database.Migrate();
        Assert.Empty(await database.CheckIntegrityAsync(default));
        Assert.Empty(database.Migrate());

        await using (var connection = await database.OpenAsync(default))
        await using (var command = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(["migration 9999 is newer than this build of Concordat"], await database.CheckIntegrityAsync(default));
    }

    [Fact]
    public async Task Lookup_by_field_uses_the_index_built_on_first_use()
    {
        var location = new PostgresStoreLocation(_connectionString, "postgresql://test/" + _name);
        await using var stores = new TestStores(s => s.AddConcordatPostgres(location), Path.Combine(Path.GetTempPath(), "concordat-tests", _name), null, () => throw new NotSupportedException());
        await stores.SeedDatasetAsync();
        stores.Load("hmrc-taxpayers", Core.Ingestion.RefreshMode.Full, ("R1", """{"nino":"AB123456C"}"""), ("R2", """{"nino":"CE987654D"}"""));
        Assert.Equal("R2", Assert.Single(await stores.Records.FindCurrentByFieldAsync("hmrc-taxpayers", "nino", "CE987654D", 5, default)).Key);

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN SELECT record_key FROM record_versions WHERE dataset_no = 1 AND ((payload::jsonb) ->> 'nino') = 'x'", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains("ix_record_field_1_nino", StringComparison.Ordinal));
    }
}
