using Concordat.Storage.Tests.Governance;

namespace Concordat.Storage.Tests.Contracts.Sqlite;

public sealed class SqliteAgreementServiceTests : AgreementServiceContract
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => Task.FromResult(SqliteStores.Open(time));
}
