using Npgsql;
using NpgsqlTypes;

namespace Concordat.Storage.Postgres;

/// <summary>
/// Typed positional parameters and readers for the PostgreSQL stores: every value goes in with its PostgreSQL type
/// stated (no inference from a CLR null), and every instant goes in as UTC, which timestamptz requires of Npgsql.
/// </summary>
internal static class Pg
{
    public static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Int(int value) => new NpgsqlParameter<int> { TypedValue = value };

    public static NpgsqlParameter Int(int? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Long(long value) => new NpgsqlParameter<long> { TypedValue = value };

    public static NpgsqlParameter Long(long? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Double(double? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Double, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Bool(bool value) => new NpgsqlParameter<bool> { TypedValue = value };

    public static NpgsqlParameter Bytes(byte[]? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Bytea, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Jsonb(string value) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = value };

    public static NpgsqlParameter Date(DateOnly value) => new NpgsqlParameter<DateOnly> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Date };

    public static NpgsqlParameter Time(DateTimeOffset value) =>
        new NpgsqlParameter<DateTimeOffset> { TypedValue = value.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz };

    public static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v.ToUniversalTime() : DBNull.Value };

    public static NpgsqlParameter TextArray(string[] values) => new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values };

    public static DateTimeOffset ReadTime(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? ReadTimeOrNull(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
