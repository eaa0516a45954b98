namespace Concordat.Storage;

/// <summary>The embedded store: one SQLite file.</summary>
/// <param name="Path">Full path of the database file.</param>
public sealed record SqliteStoreLocation(string Path) : StoreLocation
{
    /// <summary>How long a statement waits for another process's lock before failing as busy; null for the default (30 s).</summary>
    public TimeSpan? BusyTimeout { get; init; }

    /// <inheritdoc />
    public override string Display => "sqlite:" + Path;
}
