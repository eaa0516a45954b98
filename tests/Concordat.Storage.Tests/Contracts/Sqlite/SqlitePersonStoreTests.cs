using Concordat.Storage.Tests.Linkage;

namespace Concordat.Storage.Tests.Contracts.Sqlite;

public sealed class SqlitePersonStoreTests : PersonStoreContract
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => Task.FromResult(SqliteStores.Open(time));
}
