using Concordat.Storage.Tests.Quality;

namespace Concordat.Storage.Tests.Contracts.Sqlite;

public sealed class SqliteQualityServiceTests : QualityServiceContract
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => Task.FromResult(SqliteStores.Open(time));
}
