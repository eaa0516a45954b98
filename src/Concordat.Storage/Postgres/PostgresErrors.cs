using Concordat.Core;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>
/// Translates PostgreSQL errors at the storage boundary: constraint failures into the domain's expected failures, and
/// failures of the environment (the server unreachable or refusing the hub's login, a full disk, a read-only standby,
/// a lock not granted) into <see cref="StoreUnavailableException"/> with a one-line message, as SQLite's are.
/// </summary>
internal static class PostgresErrors
{
    /// <summary>True when <paramref name="exception"/> is one the environment caused, so it should be translated.</summary>
    public static bool IsEnvironmental(NpgsqlException exception) => Classify(exception) is not null;

    /// <summary>The translated exception, or <paramref name="exception"/> itself when it is not environmental.</summary>
    public static Exception Translate(NpgsqlException exception)
    {
        var detail = exception.Message.Split('\n', 2)[0].Trim();
        if (exception is not PostgresException && exception.InnerException is { } inner)
        {
            detail += $" ({inner.Message.Split('\n', 2)[0].Trim()})";
        }

        return Classify(exception) switch
        {
            StoreFailure.Busy => new StoreUnavailableException(
                StoreFailure.Busy,
                $"The hub's database is busy ({detail}): another process holds a lock this command needs. Try again when it has finished.",
                exception),
            StoreFailure.ReadOnly => new StoreUnavailableException(
                StoreFailure.ReadOnly,
                $"The hub's database cannot be written ({detail}): check that the store names the primary, not a read-only standby, and that its user may write.",
                exception),
            StoreFailure.Full => new StoreUnavailableException(
                StoreFailure.Full,
                "The disk holding the hub's database is full; free some space and run the command again.",
                exception),
            StoreFailure.Unavailable => new StoreUnavailableException(
                StoreFailure.Unavailable,
                $"The hub's database cannot be reached or used ({detail}): check the server, the store setting and its credentials.",
                exception),
            _ => exception,
        };
    }

    private static StoreFailure? Classify(NpgsqlException exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } => StoreFailure.Full,
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction or PostgresErrorCodes.InsufficientPrivilege } => StoreFailure.ReadOnly,
        PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } => StoreFailure.Busy,
        PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("28", StringComparison.Ordinal)
            || p.SqlState.StartsWith("53", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || p.SqlState == PostgresErrorCodes.InvalidCatalogName => StoreFailure.Unavailable,
        PostgresException => null,
        _ => StoreFailure.Unavailable,
    };

    public static bool IsUniqueViolation(PostgresException ex) => ex.SqlState == PostgresErrorCodes.UniqueViolation;

    public static bool IsForeignKeyViolation(PostgresException ex) => ex.SqlState == PostgresErrorCodes.ForeignKeyViolation;
}
