using Concordat.Storage.Tests.Linkage;

namespace Concordat.Storage.Tests.Contracts.Sqlite;

public sealed class SqlitePersonMatchFeedTests : PersonMatchFeedContract
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => Task.FromResult(SqliteStores.Open(time));
}
