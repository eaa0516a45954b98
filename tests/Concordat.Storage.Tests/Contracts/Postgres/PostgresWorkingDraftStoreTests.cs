using Concordat.Storage.Tests.Governance;

namespace Concordat.Storage.Tests.Contracts.Postgres;

public sealed class PostgresWorkingDraftStoreTests(PostgresStores postgres) : WorkingDraftStoreContract, IClassFixture<PostgresStores>
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);
}
