namespace Concordat.Storage.Tests.Contracts.Postgres;

public sealed class PostgresIngestStoreTests(PostgresStores postgres) : IngestStoreContract, IClassFixture<PostgresStores>
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);
}
