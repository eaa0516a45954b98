using Concordat.Storage.Tests.Linkage;

namespace Concordat.Storage.Tests.Contracts.Postgres;

public sealed class PostgresReviewServiceTests(PostgresStores postgres) : ReviewServiceContract, IClassFixture<PostgresStores>
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);
}
