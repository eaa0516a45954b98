using Concordat.Storage.Tests.Linkage;

namespace Concordat.Storage.Tests.Contracts.Sqlite;

public sealed class SqliteReviewServiceTests : ReviewServiceContract
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => Task.FromResult(SqliteStores.Open(time));
}
