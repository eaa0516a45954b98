using Concordat.Core.Audit;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// The signer lease of a SQLite ledger: an exclusive lock on a file beside it (on Unix a <c>flock</c>, which .NET takes
/// for <see cref="FileShare.None"/>). Another process, or another handle in this one, cannot take it until it is
/// disposed; the operating system releases it when the holding process ends, however it ends.
/// </summary>
internal sealed class SqliteSignerLease : IAuditSignerLease
{
    private FileStream? _lock;

    private SqliteSignerLease(FileStream lockFile) => _lock = lockFile;

    /// <summary>The lease, or null when someone else holds the lock on <paramref name="path"/>.</summary>
    public static SqliteSignerLease? TryAcquire(string path)
    {
        try
        {
            return new SqliteSignerLease(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> IsHeldAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Volatile.Read(ref _lock) is not null);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _lock, null)?.Dispose();
        return ValueTask.CompletedTask;
    }
}
