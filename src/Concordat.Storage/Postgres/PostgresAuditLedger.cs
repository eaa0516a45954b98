using System.Globalization;
using Concordat.Core.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Concordat.Storage.Postgres;

/// <summary>
/// The audit ledger (<see cref="IAuditLedger"/>) in PostgreSQL, shared by every hub node on the database
/// (docs/adr/0017). An append is one transaction that takes the audit advisory lock, reads the size (one backward seek
/// on the primary key) and, when it is the size expected, inserts the batch and its subject keys as arrays; so writers on
/// any number of nodes store one gap-free sequence, and a writer that lost the race learns the size and tries again.
/// The signer lease is a session advisory lock held on a connection of its own: exactly one node holds it, and the
/// server releases it when that node's connection ends, however the node ends. Thread safe.
/// </summary>
public sealed class PostgresAuditLedger : IAuditLedger
{
    /// <summary>The transaction advisory lock every append holds ("CONCORDA").</summary>
    internal const long AppendLock = 0x434F4E434F524441;

    /// <summary>The session advisory lock the checkpoint signer holds ("CONCORDS").</summary>
    internal const long SignerLock = 0x434F4E434F524453;

    private const string CheckpointColumns = "origin, tree_size, root_hash, time, key_id, signature";

    private readonly PostgresDatabase _database;

    /// <summary>Creates the ledger over a migrated database.</summary>
    public PostgresAuditLedger(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<AuditLedgerAppend> AppendAsync(long expectedSize, IReadOnlyList<AuditLedgerEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSize);
        if (entries.Count == 0)
        {
            throw new ArgumentException("A batch holds at least one entry.", nameof(entries));
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Index != expectedSize + i || entries[i].LeafHash.Length != MerkleHashes.Size)
            {
                throw new ArgumentException($"Entry {i} of the batch must have index {expectedSize + i} and a 32-byte leaf hash.", nameof(entries));
            }
        }

        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // Two statements, not one: under READ COMMITTED the size is read with a snapshot taken after the lock is
            // granted, so it includes the append of the node that held the lock last.
            await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AppendLock.ToString(CultureInfo.InvariantCulture)})", connection, transaction))
            {
                await lockCommand.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            var size = await SizeAsync(connection, transaction, CancellationToken.None).ConfigureAwait(false);
            if (size != expectedSize)
            {
                return AuditLedgerAppend.Conflict(size);
            }

            var indexes = new long[entries.Count];
            var bytes = new byte[entries.Count][];
            var leaves = new byte[entries.Count][];
            var subjectIndexes = new List<long>();
            var subjectKeys = new List<byte[]>();
            for (var i = 0; i < entries.Count; i++)
            {
                indexes[i] = entries[i].Index;
                bytes[i] = entries[i].Entry;
                leaves[i] = entries[i].LeafHash;
                foreach (var subject in entries[i].SubjectKeys.Distinct())
                {
                    subjectIndexes.Add(entries[i].Index);
                    subjectKeys.Add(subject.Bytes.ToArray());
                }
            }

            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                var insert = new NpgsqlBatchCommand("INSERT INTO audit_entries (idx, entry, leaf_hash) SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bytea[]) ORDER BY 1");
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = indexes });
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = bytes });
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = leaves });
                batch.BatchCommands.Add(insert);
                if (subjectKeys.Count > 0)
                {
                    var subjects = new NpgsqlBatchCommand("INSERT INTO audit_subjects (subject_key, idx) SELECT * FROM unnest($1::bytea[], $2::bigint[])");
                    subjects.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = subjectKeys.ToArray() });
                    subjects.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = subjectIndexes.ToArray() });
                    batch.BatchCommands.Add(subjects);
                }

                await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            // synchronous_commit is the server's (on by default): the batch is durable when COMMIT returns.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return AuditLedgerAppend.Done(expectedSize + entries.Count);
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
    }

    /// <inheritdoc />
    public async Task<long> GetSizeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await SizeAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredAuditEntry>> ReadAsync(long from, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT idx, entry, leaf_hash FROM audit_entries WHERE idx >= $1 ORDER BY idx LIMIT $2", connection);
        command.Parameters.Add(Pg.Long(from));
        command.Parameters.Add(Pg.Int(limit));
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredAuditEntry>> FindBySubjectAsync(SubjectKey subject, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT e.idx, e.entry, e.leaf_hash FROM audit_subjects s JOIN audit_entries e ON e.idx = s.idx
            WHERE s.subject_key = $1 AND s.idx > $2 ORDER BY s.idx LIMIT $3
            """,
            connection);
        command.Parameters.Add(Pg.Bytes(subject.Bytes.ToArray()));
        command.Parameters.Add(Pg.Long(after));
        command.Parameters.Add(Pg.Int(limit));
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Checkpoint> AddCheckpointAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.RootHash.Length != MerkleHashes.Size || checkpoint.TreeSize < 0)
        {
            throw new ArgumentException("A checkpoint has a tree size of 0 or more and a 32-byte root hash.", nameof(checkpoint));
        }

        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var insert = new NpgsqlCommand($"INSERT INTO audit_checkpoints ({CheckpointColumns}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tree_size) DO NOTHING", connection))
            {
                insert.Parameters.Add(Pg.Text(checkpoint.Origin));
                insert.Parameters.Add(Pg.Long(checkpoint.TreeSize));
                insert.Parameters.Add(Pg.Bytes(checkpoint.RootHash));
                insert.Parameters.Add(Pg.Text(checkpoint.Time.ToString("O", CultureInfo.InvariantCulture)));
                insert.Parameters.Add(Pg.Text(checkpoint.KeyId));
                insert.Parameters.Add(Pg.Bytes(checkpoint.Signature));
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    return checkpoint;
                }
            }

            return await ReadCheckpointAsync(connection, $"SELECT {CheckpointColumns} FROM audit_checkpoints WHERE tree_size = $1", checkpoint.TreeSize, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The checkpoint at size {checkpoint.TreeSize} was neither stored nor found.");
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
    }

    /// <inheritdoc />
    public async Task<Checkpoint?> GetCheckpointAsync(long treeSize, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadCheckpointAsync(connection, $"SELECT {CheckpointColumns} FROM audit_checkpoints WHERE tree_size = $1", treeSize, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Checkpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadCheckpointAsync(connection, $"SELECT {CheckpointColumns} FROM audit_checkpoints WHERE $1 = $1 ORDER BY tree_size DESC LIMIT 1", 0, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Checkpoint>> ListCheckpointsAsync(long afterSize, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {CheckpointColumns} FROM audit_checkpoints WHERE tree_size > $1 ORDER BY tree_size LIMIT $2", connection);
        command.Parameters.Add(Pg.Long(afterSize));
        command.Parameters.Add(Pg.Int(limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Checkpoint>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadCheckpoint(reader));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<IAuditSignerLease?> TryAcquireSignerLeaseAsync(CancellationToken cancellationToken) =>
        await PostgresSignerLease.TryAcquireAsync(_database, SignerLock, cancellationToken).ConfigureAwait(false);

    private static async Task<long> SizeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(max(idx) + 1, 0) FROM audit_entries", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<IReadOnlyList<StoredAuditEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<StoredAuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new StoredAuditEntry(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2)));
        }

        return list;
    }

    private static async Task<Checkpoint?> ReadCheckpointAsync(NpgsqlConnection connection, string sql, long treeSize, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(Pg.Long(treeSize));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadCheckpoint(reader) : null;
    }

    private static Checkpoint ReadCheckpoint(NpgsqlDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetInt64(1),
            reader.GetFieldValue<byte[]>(2),
            DateTimeOffset.ParseExact(reader.GetString(3), "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            reader.GetString(4),
            reader.GetFieldValue<byte[]>(5));
}
