using Concordat.Storage.Tests.Quality;

namespace Concordat.Storage.Tests.Contracts.Postgres;

public sealed class PostgresQualityServiceTests(PostgresStores postgres) : QualityServiceContract, IClassFixture<PostgresStores>
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);
}
