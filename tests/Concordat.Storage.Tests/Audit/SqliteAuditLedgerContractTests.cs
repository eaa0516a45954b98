using Concordat.Core.Audit;
using Concordat.Storage.Sqlite;

namespace Concordat.Storage.Tests.Audit;

/// <summary>The ledger contract on SQLite: audit.db beside a hub's concordat.db, each connection its own database handle.</summary>
public sealed class SqliteAuditLedgerContractTests : AuditLedgerContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteDatabase> _hubs = [];

    protected override Task<IAuditLedger> CreateLedgerAsync() => ConnectAgainAsync();

    protected override Task<IAuditLedger> ConnectAgainAsync()
    {
        var hub = new SqliteDatabase(Path.Combine(_directory, "concordat.db"));
        hub.Migrate();
        _hubs.Add(hub);
        return Task.FromResult<IAuditLedger>(SqliteAuditLedger.OpenBeside(hub));
    }

    protected override Task DisposeStoreAsync()
    {
        foreach (var hub in _hubs)
        {
            hub.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
