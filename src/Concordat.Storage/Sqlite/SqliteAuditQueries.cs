using Concordat.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>The audit log's reads and its checkpoint insert.</summary>
internal static class SqliteAuditQueries
{
    private const string CheckpointColumns = "origin, tree_size, root_hash, time, key_id, signature";

    public static IReadOnlyList<LoggedAuditEntry> Entries(SqliteConnection connection, long from, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT entry, leaf_hash FROM audit_entries WHERE idx >= $from ORDER BY idx LIMIT {SqliteText.Limit(limit)}";
        command.Parameters.AddWithValue("$from", from);
        return ReadEntries(command);
    }

    public static IReadOnlyList<LoggedAuditEntry> BySubject(SqliteConnection connection, SubjectKey subject, long after, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT e.entry, e.leaf_hash FROM audit_subjects s JOIN audit_entries e ON e.idx = s.idx
            WHERE s.subject_key = $key AND s.idx > $after ORDER BY s.idx LIMIT {SqliteText.Limit(limit)}
            """;
        command.Parameters.AddWithValue("$key", subject.Bytes.ToArray());
        command.Parameters.AddWithValue("$after", after);
        return ReadEntries(command);
    }

    public static Checkpoint? LatestCheckpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CheckpointColumns} FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadCheckpoint(reader) : null;
    }

    public static IReadOnlyList<Checkpoint> Checkpoints(SqliteConnection connection, long afterSize, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CheckpointColumns} FROM audit_checkpoints WHERE tree_size > $after ORDER BY tree_size LIMIT {SqliteText.Limit(limit)}";
        command.Parameters.AddWithValue("$after", afterSize);
        return ReadCheckpoints(command);
    }

    /// <summary>Every checkpoint after <paramref name="afterSize"/>, through a statement the lent connection keeps prepared.</summary>
    public static IReadOnlyList<Checkpoint> CheckpointsAfter(PreparedConnection lent, long afterSize, SqliteTransaction? transaction)
    {
        var command = lent.Command($"SELECT {CheckpointColumns} FROM audit_checkpoints WHERE tree_size > $after ORDER BY tree_size");
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$after", afterSize);
        return ReadCheckpoints(command);
    }

    private static List<Checkpoint> ReadCheckpoints(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<Checkpoint>();
        while (reader.Read())
        {
            list.Add(ReadCheckpoint(reader));
        }

        return list;
    }

    public static void InsertCheckpoint(SqliteConnection connection, Checkpoint checkpoint)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO audit_checkpoints ({CheckpointColumns}) VALUES ($origin, $size, $root, $time, $kid, $sig)";
        command.Parameters.AddWithValue("$origin", checkpoint.Origin);
        command.Parameters.AddWithValue("$size", checkpoint.TreeSize);
        command.Parameters.AddWithValue("$root", checkpoint.RootHash);
        command.Parameters.AddWithValue("$time", SqliteText.FromTime(checkpoint.Time));
        command.Parameters.AddWithValue("$kid", checkpoint.KeyId);
        command.Parameters.AddWithValue("$sig", checkpoint.Signature);
        command.ExecuteNonQuery();
    }

    private static List<LoggedAuditEntry> ReadEntries(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<LoggedAuditEntry>();
        while (reader.Read())
        {
            var (index, entry) = AuditEntryCodec.Decode((byte[])reader.GetValue(0));
            list.Add(new LoggedAuditEntry(index, entry, (byte[])reader.GetValue(1)));
        }

        return list;
    }

    private static Checkpoint ReadCheckpoint(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetInt64(1), (byte[])reader.GetValue(2), SqliteText.ToTime(reader.GetString(3)), reader.GetString(4), (byte[])reader.GetValue(5));
}
