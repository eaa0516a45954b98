using System.Buffers;
using System.Buffers.Binary;
using Concordat.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Prepared inserts of audit entries and their subject keys within one transaction.</summary>
internal sealed class SqliteAuditInserts : IDisposable
{
    private readonly SqliteCommand _entry;
    private readonly SqliteParameter _index;
    private readonly SqliteParameter _bytes;
    private readonly SqliteParameter _leaf;
    private readonly SqliteCommand _subject;
    private readonly SqliteParameter _subjectKey;
    private readonly SqliteParameter _subjectIndex;

    public SqliteAuditInserts(SqliteConnection connection, SqliteTransaction transaction)
    {
        _entry = connection.CreateCommand();
        _entry.Transaction = transaction;
        _entry.CommandText = "INSERT INTO audit_entries (idx, entry, leaf_hash) VALUES ($i, $e, $h)";
        _index = _entry.Parameters.Add("$i", SqliteType.Integer);
        _bytes = _entry.Parameters.Add("$e", SqliteType.Blob);
        _leaf = _entry.Parameters.Add("$h", SqliteType.Blob);
        _subject = connection.CreateCommand();
        _subject.Transaction = transaction;
        _subject.CommandText = "INSERT OR IGNORE INTO audit_subjects (subject_key, idx) VALUES ($k, $i)";
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
        _entry.Dispose();
        _subject.Dispose();
    }
}
