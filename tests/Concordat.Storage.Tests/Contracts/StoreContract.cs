namespace Concordat.Storage.Tests.Contracts;

/// <summary>
/// The base of every contract suite: a suite is written once against the store interfaces, and each dialect runs it
/// by deriving a class that says how to open a fresh store (<see cref="SqliteStores"/>, <see cref="PostgresStores"/>).
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private TestStores? _stores;

    protected TestStores Stores => _stores ?? throw new InvalidOperationException("The store is opened in InitializeAsync.");

    /// <summary>A clock for the domain services, or null for the system clock.</summary>
    protected virtual TimeProvider? Time => null;

    /// <summary>Opens a fresh, empty store of the dialect under test.</summary>
    protected abstract Task<TestStores> OpenStoresAsync(TimeProvider? time);

    public async Task InitializeAsync() => _stores = await OpenStoresAsync(Time);

    public async Task DisposeAsync()
    {
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }
    }
}
