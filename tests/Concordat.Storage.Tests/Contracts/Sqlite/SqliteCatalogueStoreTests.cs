namespace Concordat.Storage.Tests.Contracts.Sqlite;

public sealed class SqliteCatalogueStoreTests : CatalogueStoreContract
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => Task.FromResult(SqliteStores.Open(time));
}
