using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// Moves the audit log of a hub from before docs/adr/0015 out of <c>concordat.db</c> into <c>audit.db</c>, once. Two
/// steps, each one transaction, each safe to repeat, so a crash anywhere leaves a state the next start completes:
/// <list type="number">
/// <item>In <c>concordat.db</c>: the old tables are renamed <c>audit_moved_*</c> (or dropped when they hold nothing),
/// so no older binary can append to them any more.</item>
/// <item>In <c>audit.db</c>: when it holds no log yet, every row of the renamed tables is copied in, the counts are
/// compared, and a row in <c>audit_moved_in</c> records the move, all in one transaction.</item>
/// </list>
/// The renamed tables stay in <c>concordat.db</c> as they were (the hub no longer reads them); an operator may drop them
/// once <c>concordat audit verify</c> has passed. The engine re-hashes every copied row and checks the checkpoints
/// when it opens the ledger, as for any other.
/// </summary>
internal static class SqliteAuditMove
{
    private static readonly (string Old, string Moved)[] Tables =
    [
        ("audit_entries", "audit_moved_entries"),
        ("audit_subjects", "audit_moved_subjects"),
        ("audit_checkpoints", "audit_moved_checkpoints"),
    ];

    /// <summary>Runs both steps as needed.</summary>
    /// <exception cref="InvalidOperationException">Both files hold a log, or the old log cannot be copied as it is.</exception>
    public static void Run(SqliteDatabase hub, SqliteDatabase audit)
    {
        RetireOldTables(hub);
        CopyIn(hub, audit);
    }

    private static void RetireOldTables(SqliteDatabase hub)
    {
        using var connection = hub.Open();
        if (!TableExists(connection, null, "audit_entries"))
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        if (!TableExists(connection, transaction, "audit_entries"))
        {
            return;
        }

        var rows = Scalar(connection, transaction, "SELECT (SELECT COUNT(*) FROM audit_entries) + (SELECT COUNT(*) FROM audit_checkpoints)");
        foreach (var (old, moved) in rows == 0 ? Tables.Reverse() : Tables)
        {
            // Dropping a table drops its triggers first, so the append-only triggers do not fire (SQLite DROP TABLE).
            Execute(connection, transaction, rows == 0 ? $"DROP TABLE {old}" : $"ALTER TABLE {old} RENAME TO {moved}");
        }

        transaction.Commit();
    }

    private static void CopyIn(SqliteDatabase hub, SqliteDatabase audit)
    {
        using (var probe = hub.Open())
        {
            if (!TableExists(probe, null, "audit_moved_entries"))
            {
                return;
            }
        }

        using var connection = audit.Open();
        if (Scalar(connection, null, "SELECT COUNT(*) FROM audit_moved_in") > 0)
        {
            return;
        }

        // ATTACH is not allowed inside a transaction: attach first, detach after.
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $path AS hub";
            attach.Parameters.AddWithValue("$path", hub.Path);
            attach.ExecuteNonQuery();
        }

        try
        {
            using var transaction = connection.BeginTransaction();
            if (Scalar(connection, transaction, "SELECT COUNT(*) FROM audit_moved_in") > 0)
            {
                return;
            }

            if (Scalar(connection, transaction, "SELECT (SELECT COUNT(*) FROM audit_entries) + (SELECT COUNT(*) FROM audit_checkpoints)") > 0)
            {
                throw new InvalidOperationException(
                    $"Both {hub.Path} (tables audit_moved_*) and {audit.Path} hold an audit log, so the older one cannot be moved in. Keep one: investigate before starting the hub.");
            }

            try
            {
                Execute(connection, transaction, "INSERT INTO audit_entries (idx, entry, leaf_hash) SELECT idx, entry, leaf_hash FROM hub.audit_moved_entries ORDER BY idx");
            }
            catch (SqliteException ex)
            {
                throw new InvalidOperationException(
                    $"The audit log in {hub.Path} cannot be moved to {audit.Path}: its entries do not follow one another from 0 ({ex.Message}). It has been altered; investigate before starting the hub.", ex);
            }

            Execute(connection, transaction, "INSERT INTO audit_subjects (subject_key, idx) SELECT subject_key, idx FROM hub.audit_moved_subjects");
            Execute(connection, transaction,
                "INSERT INTO audit_checkpoints (tree_size, origin, root_hash, time, key_id, signature) SELECT tree_size, origin, root_hash, time, key_id, signature FROM hub.audit_moved_checkpoints");
            var entries = Scalar(connection, transaction, "SELECT COUNT(*) FROM audit_entries");
            var checkpoints = Scalar(connection, transaction, "SELECT COUNT(*) FROM audit_checkpoints");
            if (entries != Scalar(connection, transaction, "SELECT COUNT(*) FROM hub.audit_moved_entries")
                || checkpoints != Scalar(connection, transaction, "SELECT COUNT(*) FROM hub.audit_moved_checkpoints")
                || Scalar(connection, transaction, "SELECT COUNT(*) FROM audit_subjects") != Scalar(connection, transaction, "SELECT COUNT(*) FROM hub.audit_moved_subjects"))
            {
                throw new InvalidOperationException($"The audit log could not be copied from {hub.Path} to {audit.Path} whole; nothing was moved.");
            }

            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO audit_moved_in (source, entries, checkpoints, moved_at) VALUES ($source, $entries, $checkpoints, $at)";
                record.Parameters.AddWithValue("$source", hub.Path);
                record.Parameters.AddWithValue("$entries", entries);
                record.Parameters.AddWithValue("$checkpoints", checkpoints);
                record.Parameters.AddWithValue("$at", SqliteText.FromTime(DateTimeOffset.UtcNow));
                record.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        finally
        {
            Execute(connection, null, "DETACH DATABASE hub");
        }
    }

    private static bool TableExists(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", name);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
