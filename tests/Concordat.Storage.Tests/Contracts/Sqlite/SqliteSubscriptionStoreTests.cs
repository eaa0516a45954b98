namespace Concordat.Storage.Tests.Contracts.Sqlite;

public sealed class SqliteSubscriptionStoreTests : SubscriptionStoreContract
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => Task.FromResult(SqliteStores.Open(time));
}
