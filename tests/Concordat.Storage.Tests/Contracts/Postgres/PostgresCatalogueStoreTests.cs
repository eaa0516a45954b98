namespace Concordat.Storage.Tests.Contracts.Postgres;

public sealed class PostgresCatalogueStoreTests(PostgresStores postgres) : CatalogueStoreContract, IClassFixture<PostgresStores>
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);
}
