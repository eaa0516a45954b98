namespace Concordat.Storage.Tests.Contracts.Postgres;

public sealed class PostgresAuditLedgerTests(PostgresStores postgres) : AuditLedgerContract, IClassFixture<PostgresStores>
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);
}
