namespace Concordat.Storage;

/// <summary>
/// The database behind a hub's stores, whichever dialect: what the readiness check and <c>concordat init</c> ask of it.
/// Thread safe.
/// </summary>
public interface IStoreDatabase
{
    /// <summary>The store as shown in logs and messages (<see cref="StoreLocation.Display"/>): never with a password.</summary>
    string Display { get; }

    /// <summary>Opens a connection and reads the migrations table; throws a <see cref="System.Data.Common.DbException"/> when the database cannot answer.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Checks the database's integrity as far as the dialect allows; returns the problems found, empty when sound.</summary>
    Task<IReadOnlyList<string>> CheckIntegrityAsync(CancellationToken cancellationToken);
}
