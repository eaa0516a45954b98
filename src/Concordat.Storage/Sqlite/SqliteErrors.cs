using Concordat.Core;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// Translates SQLite errors at the storage boundary: constraint failures into the domain's expected failures, and
/// errors that come from the environment (the file is locked, read-only, on a full disk, damaged or unreachable)
/// into <see cref="StoreUnavailableException"/> with a one-line message. Thread safe.
/// </summary>
public static class SqliteErrors
{
    // Extended result codes from https://www.sqlite.org/rescode.html
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;
    private const int ConstraintForeignKey = 787;

    internal static bool IsUniqueViolation(SqliteException ex) =>
        ex.SqliteExtendedErrorCode is ConstraintPrimaryKey or ConstraintUnique;

    internal static bool IsForeignKeyViolation(SqliteException ex) => ex.SqliteExtendedErrorCode == ConstraintForeignKey;

    /// <summary>True when <paramref name="exception"/> is one the environment caused, so it should be translated.</summary>
    public static bool IsEnvironmental(SqliteException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Classify(exception) is not null;
    }

    /// <summary>The translated exception, or <paramref name="exception"/> itself when it is not environmental.</summary>
    public static Exception Translate(SqliteException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // Microsoft.Data.Sqlite words its messages "SQLite Error 8: 'attempt to write a readonly database'.".
        var detail = exception.Message.Split('\n', 2)[0].Trim();
        var quoted = detail.IndexOf(": '", StringComparison.Ordinal);
        if (detail.StartsWith("SQLite Error ", StringComparison.Ordinal) && quoted > 0 && detail.EndsWith("'.", StringComparison.Ordinal))
        {
            detail = detail[(quoted + 3)..^2];
        }

        return Classify(exception) switch
        {
            StoreFailure.Busy => new StoreUnavailableException(
                StoreFailure.Busy,
                "The hub's database is busy: another process (another ingest, or a running hub) held its write lock for longer than this command waits. Try again when it has finished.",
                exception),
            StoreFailure.ReadOnly => new StoreUnavailableException(
                StoreFailure.ReadOnly,
                $"The hub's database cannot be written ({detail}): check that the database file and its directory are writable by this user and not on a read-only mount.",
                exception),
            StoreFailure.Full => new StoreUnavailableException(
                StoreFailure.Full,
                "The disk holding the hub's database is full; free some space and run the command again.",
                exception),
            StoreFailure.Unavailable => new StoreUnavailableException(
                StoreFailure.Unavailable,
                $"The hub's database cannot be opened, read or written ({detail}): check the disk and the data directory, and restore the database from a backup if it is damaged.",
                exception),
            _ => exception,
        };
    }

    private static StoreFailure? Classify(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) switch
    {
        raw.SQLITE_BUSY or raw.SQLITE_LOCKED => StoreFailure.Busy,
        raw.SQLITE_READONLY or raw.SQLITE_PERM or raw.SQLITE_AUTH => StoreFailure.ReadOnly,
        raw.SQLITE_FULL => StoreFailure.Full,
        raw.SQLITE_IOERR or raw.SQLITE_CANTOPEN or raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB or raw.SQLITE_NOLFS or raw.SQLITE_PROTOCOL => StoreFailure.Unavailable,
        _ => null,
    };
}
