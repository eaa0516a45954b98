using System.Buffers;
using System.Buffers.Binary;
using Concordat.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// Prepared inserts of audit entries and their subject keys within one transaction. Over a lent
/// <see cref="PreparedConnection"/> the statements stay prepared for the next batch; otherwise they are disposed.
/// </summary>
internal sealed class SqliteAuditInserts : IDisposable
{
    private const string EntrySql = "INSERT INTO audit_entries (idx, entry, leaf_hash) VALUES ($i, $e, $h)";
    private const string SubjectSql = "INSERT OR IGNORE INTO audit_subjects (subject_key, idx) VALUES ($k, $i)";
    private readonly bool _ownsCommands;
    private readonly SqliteCommand _entry;
    private readonly SqliteParameter _index;
    private readonly SqliteParameter _bytes;
    private readonly SqliteParameter _leaf;
    private readonly SqliteCommand _subject;
    private readonly SqliteParameter _subjectKey;
    private readonly SqliteParameter _subjectIndex;

    public SqliteAuditInserts(SqliteConnection connection, SqliteTransaction transaction)
        : this(connection.CreateCommand(), connection.CreateCommand(), transaction, ownsCommands: true)
    {
    }

    public SqliteAuditInserts(PreparedConnection connection, SqliteTransaction transaction)
        : this(connection.Command(EntrySql), connection.Command(SubjectSql), transaction, ownsCommands: false)
    {
    }

    private SqliteAuditInserts(SqliteCommand entry, SqliteCommand subject, SqliteTransaction transaction, bool ownsCommands)
    {
        _ownsCommands = ownsCommands;
        _entry = entry;
        _entry.Transaction = transaction;
        if (ownsCommands)
        {
            _entry.CommandText = EntrySql;
            subject.CommandText = SubjectSql;
        }

        _index = _entry.Parameters.Add("$i", SqliteType.Integer);
        _bytes = _entry.Parameters.Add("$e", SqliteType.Blob);
        _leaf = _entry.Parameters.Add("$h", SqliteType.Blob);
        _subject = subject;
        _subject.Transaction = transaction;
        _subjectKey = _subject.Parameters.Add("$k", SqliteType.Blob);
        _subjectIndex = _subject.Parameters.Add("$i", SqliteType.Integer);
    }

    /// <summary>Encodes and inserts one entry at <paramref name="index"/>; returns its receipt.</summary>
    public AuditReceipt Add(long index, AuditEntry entry, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        AuditEntryCodec.Encode(index, entry, buffer);
        return Add(index, buffer.WrittenSpan.ToArray(), entry.SubjectKeys);
    }

    /// <summary>
    /// Inserts an entry already encoded with any index: the index field (bytes 1 to 8 of version 1) is set to
    /// <paramref name="index"/> in place first.
    /// </summary>
    public AuditReceipt Add(long index, byte[] bytes, IReadOnlyList<SubjectKey> subjectKeys)
    {
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1, 8), index);
        var leaf = MerkleHashes.Leaf(bytes);
        _index.Value = index;
        _bytes.Value = bytes;
        _leaf.Value = leaf;
        _entry.ExecuteNonQuery();
        foreach (var key in subjectKeys)
        {
            _subjectKey.Value = key.Bytes.ToArray();
            _subjectIndex.Value = index;
            _subject.ExecuteNonQuery();
        }

        return new AuditReceipt(index, leaf);
    }

    public void Dispose()
    {
        if (_ownsCommands)
        {
            _entry.Dispose();
            _subject.Dispose();
        }
    }
}
