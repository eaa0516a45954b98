using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>Translates PostgreSQL constraint failures into the domain's expected failures at the storage boundary.</summary>
internal static class PostgresErrors
{
    public static bool IsUniqueViolation(PostgresException ex) => ex.SqlState == PostgresErrorCodes.UniqueViolation;

    public static bool IsForeignKeyViolation(PostgresException ex) => ex.SqlState == PostgresErrorCodes.ForeignKeyViolation;
}
