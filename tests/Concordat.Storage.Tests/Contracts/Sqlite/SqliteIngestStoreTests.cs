namespace Concordat.Storage.Tests.Contracts.Sqlite;

public sealed class SqliteIngestStoreTests : IngestStoreContract
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => Task.FromResult(SqliteStores.Open(time));
}
