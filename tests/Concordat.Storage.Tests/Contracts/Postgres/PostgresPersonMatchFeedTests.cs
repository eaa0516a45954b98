using Concordat.Storage.Tests.Linkage;

namespace Concordat.Storage.Tests.Contracts.Postgres;

public sealed class PostgresPersonMatchFeedTests(PostgresStores postgres) : PersonMatchFeedContract, IClassFixture<PostgresStores>
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);
}
