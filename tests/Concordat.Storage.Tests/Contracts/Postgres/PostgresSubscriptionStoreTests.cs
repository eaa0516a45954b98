namespace Concordat.Storage.Tests.Contracts.Postgres;

public sealed class PostgresSubscriptionStoreTests(PostgresStores postgres) : SubscriptionStoreContract, IClassFixture<PostgresStores>
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);
}
