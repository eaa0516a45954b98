namespace Concordat.Storage;

/// <summary>The production store: a PostgreSQL database, shared by every hub node that names it.</summary>
/// <param name="ConnectionString">The Npgsql connection string, password included: never log it.</param>
/// <param name="Display">The URI without its password or secret parameters, for logs and messages.</param>
public sealed record PostgresStoreLocation(string ConnectionString, string Display) : StoreLocation
{
    /// <inheritdoc />
    public override string Display { get; } = Display;

    /// <summary>Shows only <see cref="Display"/>, so printing the location cannot leak the password.</summary>
    public override string ToString() => Display;
}
