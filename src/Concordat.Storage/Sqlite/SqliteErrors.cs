using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Translates SQLite constraint failures into the domain's expected failures at the storage boundary.</summary>
internal static class SqliteErrors
{
    // Extended result codes from https://www.sqlite.org/rescode.html
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;
    private const int ConstraintForeignKey = 787;

    public static bool IsUniqueViolation(SqliteException ex) =>
        ex.SqliteExtendedErrorCode is ConstraintPrimaryKey or ConstraintUnique;

    public static bool IsForeignKeyViolation(SqliteException ex) => ex.SqliteExtendedErrorCode == ConstraintForeignKey;
}
