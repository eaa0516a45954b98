namespace Concordat.Storage.Tests.Contracts.Sqlite;

public sealed class SqliteIngestRulesTests : IngestRulesContract
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => Task.FromResult(SqliteStores.Open(time));
}
