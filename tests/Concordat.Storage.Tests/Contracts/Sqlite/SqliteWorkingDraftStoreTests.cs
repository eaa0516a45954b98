using Concordat.Storage.Tests.Governance;

namespace Concordat.Storage.Tests.Contracts.Sqlite;

public sealed class SqliteWorkingDraftStoreTests : WorkingDraftStoreContract
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => Task.FromResult(SqliteStores.Open(time));
}
