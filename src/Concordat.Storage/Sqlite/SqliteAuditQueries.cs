using Concordat.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>The audit ledger's statements, run through a lent connection that keeps them prepared.</summary>
internal static class SqliteAuditQueries
{
    public const string SizeSql = "SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_entries";
    private const string CheckpointColumns = "origin, tree_size, root_hash, time, key_id, signature";

    public static long Size(PreparedConnection lent, SqliteTransaction? transaction = null)
    {
        var command = lent.Command(SizeSql);
        command.Transaction = transaction;
        return (long)command.ExecuteScalar()!;
    }

    public static IReadOnlyList<StoredAuditEntry> Entries(PreparedConnection lent, long from, int limit)
    {
        var command = lent.Command($"SELECT idx, entry, leaf_hash FROM audit_entries WHERE idx >= $from ORDER BY idx LIMIT {SqliteText.Limit(limit)}");
        command.Parameters.AddWithValue("$from", from);
        return ReadEntries(command);
    }

    public static IReadOnlyList<StoredAuditEntry> BySubject(PreparedConnection lent, SubjectKey subject, long after, int limit)
    {
        var command = lent.Command($"""
            SELECT e.idx, e.entry, e.leaf_hash FROM audit_subjects s JOIN audit_entries e ON e.idx = s.idx
            WHERE s.subject_key = $key AND s.idx > $after ORDER BY s.idx LIMIT {SqliteText.Limit(limit)}
            """);
        command.Parameters.AddWithValue("$key", subject.Bytes.ToArray());
        command.Parameters.AddWithValue("$after", after);
        return ReadEntries(command);
    }

    public static Checkpoint? CheckpointAt(PreparedConnection lent, long treeSize)
    {
        var command = lent.Command($"SELECT {CheckpointColumns} FROM audit_checkpoints WHERE tree_size = $size");
        command.Parameters.AddWithValue("$size", treeSize);
        return ReadCheckpoints(command).FirstOrDefault();
    }

    public static Checkpoint? LatestCheckpoint(PreparedConnection lent) =>
        ReadCheckpoints(lent.Command($"SELECT {CheckpointColumns} FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1")).FirstOrDefault();

    public static IReadOnlyList<Checkpoint> Checkpoints(PreparedConnection lent, long afterSize, int limit)
    {
        var command = lent.Command($"SELECT {CheckpointColumns} FROM audit_checkpoints WHERE tree_size > $after ORDER BY tree_size LIMIT {SqliteText.Limit(limit)}");
        command.Parameters.AddWithValue("$after", afterSize);
        return ReadCheckpoints(command);
    }

    /// <summary>Inserts a checkpoint; false, inserting nothing, when one is stored for its size.</summary>
    public static bool TryInsertCheckpoint(PreparedConnection lent, Checkpoint checkpoint)
    {
        var command = lent.Command($"INSERT OR IGNORE INTO audit_checkpoints ({CheckpointColumns}) VALUES ($origin, $size, $root, $time, $kid, $sig)");
        command.Parameters.AddWithValue("$origin", checkpoint.Origin);
        command.Parameters.AddWithValue("$size", checkpoint.TreeSize);
        command.Parameters.AddWithValue("$root", checkpoint.RootHash);
        command.Parameters.AddWithValue("$time", SqliteText.FromTime(checkpoint.Time));
        command.Parameters.AddWithValue("$kid", checkpoint.KeyId);
        command.Parameters.AddWithValue("$sig", checkpoint.Signature);
        return command.ExecuteNonQuery() == 1;
    }

    private static List<StoredAuditEntry> ReadEntries(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<StoredAuditEntry>();
        while (reader.Read())
        {
            list.Add(new StoredAuditEntry(reader.GetInt64(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2)));
        }

        return list;
    }

    private static List<Checkpoint> ReadCheckpoints(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<Checkpoint>();
        while (reader.Read())
        {
            list.Add(new Checkpoint(
                reader.GetString(0), reader.GetInt64(1), (byte[])reader.GetValue(2), SqliteText.ToTime(reader.GetString(3)), reader.GetString(4), (byte[])reader.GetValue(5)));
        }

        return list;
    }
}
