namespace Concordat.Storage.Sqlite;

/// <summary>A lock that is not needed (one process per SQLite file); disposing it does nothing.</summary>
internal sealed class NoLock : IAsyncDisposable
{
    public static NoLock Instance { get; } = new();

    private NoLock()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
