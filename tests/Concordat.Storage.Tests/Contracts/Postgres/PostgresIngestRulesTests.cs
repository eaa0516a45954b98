namespace Concordat.Storage.Tests.Contracts.Postgres;

public sealed class PostgresIngestRulesTests(PostgresStores postgres) : IngestRulesContract, IClassFixture<PostgresStores>
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);
}
