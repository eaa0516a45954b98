namespace Concordat.Storage;

/// <summary>The embedded store: one SQLite file.</summary>
/// <param name="Path">Full path of the database file.</param>
public sealed record SqliteStoreLocation(string Path) : StoreLocation
{
    /// <inheritdoc />
    public override string Display => "sqlite:" + Path;
}
