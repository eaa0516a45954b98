namespace Concordat.Storage.Tests.Contracts.Sqlite;

public sealed class SqliteAuditLedgerTests : AuditLedgerContract
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => Task.FromResult(SqliteStores.Open(time));
}
