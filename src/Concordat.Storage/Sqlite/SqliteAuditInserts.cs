using Concordat.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// Inserts of encoded audit entries and their subject keys within one transaction, through statements a lent
/// <see cref="PreparedConnection"/> keeps prepared for the next batch (a batch is a few entries under load, and
/// preparing its statements afresh each time cost more than inserting them).
/// </summary>
internal sealed class SqliteAuditInserts
{
    private const string EntrySql = "INSERT INTO audit_entries (idx, entry, leaf_hash) VALUES ($i, $e, $h)";
    private const string SubjectSql = "INSERT OR IGNORE INTO audit_subjects (subject_key, idx) VALUES ($k, $i)";
    private readonly SqliteCommand _entry;
    private readonly SqliteParameter _index;
    private readonly SqliteParameter _bytes;
    private readonly SqliteParameter _leaf;
    private readonly SqliteCommand _subject;
    private readonly SqliteParameter _subjectKey;
    private readonly SqliteParameter _subjectIndex;

    public SqliteAuditInserts(PreparedConnection connection, SqliteTransaction transaction)
    {
        _entry = connection.Command(EntrySql);
        _entry.Transaction = transaction;
        _index = _entry.Parameters.Add("$i", SqliteType.Integer);
        _bytes = _entry.Parameters.Add("$e", SqliteType.Blob);
        _leaf = _entry.Parameters.Add("$h", SqliteType.Blob);
        _subject = connection.Command(SubjectSql);
        _subject.Transaction = transaction;
        _subjectKey = _subject.Parameters.Add("$k", SqliteType.Blob);
        _subjectIndex = _subject.Parameters.Add("$i", SqliteType.Integer);
    }

    /// <summary>Inserts one entry as given and indexes its subject keys.</summary>
    public void Add(AuditLedgerEntry entry)
    {
        _index.Value = entry.Index;
        _bytes.Value = entry.Entry;
        _leaf.Value = entry.LeafHash;
        _entry.ExecuteNonQuery();
        foreach (var key in entry.SubjectKeys)
        {
            _subjectKey.Value = key.Bytes.ToArray();
            _subjectIndex.Value = entry.Index;
            _subject.ExecuteNonQuery();
        }
    }
}
