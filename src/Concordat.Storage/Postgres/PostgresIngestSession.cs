using System.Globalization;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Ingestion;
using Npgsql;
using NpgsqlTypes;

namespace Concordat.Storage.Postgres;

/// <summary>
/// One ingest run as a single PostgreSQL transaction that holds the ingest advisory lock, so runs are serialised across
/// every node as SQLite's write lock serialises them, and run ids commit in order. Each batch goes to the server by
/// binary COPY into a temporary staging table and is applied by set-based statements in the run's transaction, so a
/// batch of thousands of rows costs a handful of round trips. Nothing of the run is visible until <see cref="Commit"/>;
/// a crash or a dispose without commit rolls it all back. Not thread safe.
/// </summary>
internal sealed class PostgresIngestSession : IIngestSession
{
    private const int QuarantineFlushRows = 4096;

    // The first record of the run that applies a key claims it in seen_keys (source_row set); a key met only in
    // quarantined rows is retained with source_row null and taken over by the first valid record for it, as in SQLite
    // (ADR 0001). Within a batch the lowest source row of a key is its candidate. A claimed key's record is compared
    // with the key's current version (one backward seek on the primary key) and written when new, deleted or changed.
    // One statement answers everything: a first row of counts (kind 0), then one row per duplicate (kind 1) with the
    // row that applied its key: this batch's first row of the key, or, for a key an earlier batch claimed, the claim in
    // the statement's snapshot, looked up by key only for such rows. Temporary tables have no statistics, so every
    // access to seen_keys is by key: a plan that scanned it would cost the whole run's keys per batch.
    private const string ApplySql = """
        WITH firsts AS (
            SELECT DISTINCT ON (k) k, payload, content_hash, source_row FROM pg_temp.ingest_stage ORDER BY k, source_row),
        claimed AS (
            INSERT INTO pg_temp.seen_keys AS s (k, source_row) SELECT k, source_row FROM firsts
            ON CONFLICT (k) DO UPDATE SET source_row = EXCLUDED.source_row WHERE s.source_row IS NULL
            RETURNING k),
        heads AS (
            SELECT f.k, f.payload, f.content_hash, f.source_row, h.version, h.is_deleted, h.content_hash AS head_hash
            FROM firsts f
            JOIN claimed c ON c.k = f.k
            LEFT JOIN LATERAL (
                SELECT v.version, v.is_deleted, v.content_hash FROM record_versions v
                WHERE v.dataset_no = $1 AND v.record_key = f.k ORDER BY v.version DESC LIMIT 1) h ON true),
        written AS (
            INSERT INTO record_versions (dataset_no, record_key, version, run_id, is_deleted, payload, content_hash, source_row)
            SELECT $1, k, COALESCE(version, 0) + 1, $2, false, payload, content_hash, source_row
            FROM heads WHERE version IS NULL OR is_deleted OR head_hash <> content_hash
            RETURNING 1)
        SELECT 0, (SELECT count(*) FROM heads WHERE version IS NULL OR is_deleted),
               (SELECT count(*) FROM heads WHERE NOT is_deleted AND head_hash <> content_hash),
               (SELECT count(*) FROM heads WHERE NOT is_deleted AND head_hash = content_hash)
        UNION ALL
        SELECT 1, s.source_row,
               CASE WHEN c.k IS NULL THEN (SELECT old.source_row FROM pg_temp.seen_keys old WHERE old.k = s.k) ELSE f.source_row END,
               0
        FROM pg_temp.ingest_stage s
        JOIN firsts f ON f.k = s.k
        LEFT JOIN claimed c ON c.k = s.k
        WHERE c.k IS NULL OR s.source_row <> f.source_row
        """;

    // A dataset with no records when the run began (an initial load) has no current versions to compare and nothing
    // to tombstone: the versions' primary key alone rejects a key that an earlier batch applied, and the row that
    // applied it is read from the statement's snapshot only for such a duplicate.
    private const string FirstLoadSql = """
        WITH written AS (
            INSERT INTO record_versions (dataset_no, record_key, version, run_id, is_deleted, payload, content_hash, source_row)
            SELECT $1, k, 1, $2, false, payload, content_hash, source_row
            FROM (SELECT DISTINCT ON (k) k, payload, content_hash, source_row FROM pg_temp.ingest_stage ORDER BY k, source_row) f
            ON CONFLICT DO NOTHING
            RETURNING record_key, source_row)
        SELECT 0, count(*), 0::bigint, 0::bigint FROM written
        UNION ALL
        SELECT 1, s.source_row,
               COALESCE(w.source_row, (SELECT v.source_row FROM record_versions v WHERE v.dataset_no = $1 AND v.record_key = s.k AND v.version = 1)),
               0
        FROM pg_temp.ingest_stage s
        LEFT JOIN written w ON w.record_key = s.k
        WHERE w.source_row IS DISTINCT FROM s.source_row
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly IngestRunStart _start;
    private readonly long _datasetNo;
    private readonly bool _firstLoad;
    private readonly KeyFilter? _keys;
    private readonly NpgsqlBatch _apply;
    private readonly NpgsqlCommand _retain;
    private readonly List<PendingQuarantine> _quarantine = [];
    private NpgsqlBinaryImporter? _direct;
    private bool _committed;

    private PostgresIngestSession(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestRunStart start, long datasetNo, long runId, bool firstLoad)
    {
        _connection = connection;
        _transaction = transaction;
        _start = start;
        _datasetNo = datasetNo;
        _firstLoad = firstLoad;
        _keys = firstLoad ? new KeyFilter() : null;
        RunId = runId;
        // The batch's statement and the emptying of the staging table go in one round trip. TRUNCATE of a temporary
        // table created in this transaction empties its file in place: no new file, no dead rows.
        _apply = new NpgsqlBatch(connection, transaction);
        var apply = new NpgsqlBatchCommand(firstLoad ? FirstLoadSql : ApplySql);
        apply.Parameters.Add(Pg.Long(datasetNo));
        apply.Parameters.Add(Pg.Long(runId));
        _apply.BatchCommands.Add(apply);
        _apply.BatchCommands.Add(new NpgsqlBatchCommand("TRUNCATE pg_temp.ingest_stage"));
        _retain = new NpgsqlCommand("INSERT INTO pg_temp.seen_keys (k, source_row) SELECT unnest($1::text[]), NULL ON CONFLICT DO NOTHING", connection, transaction);
        _retain.Parameters.Add(Pg.TextArray([]));
    }

    public long RunId { get; }

    public static PostgresIngestSession Open(PostgresDatabase database, IngestRunStart start)
    {
        try
        {
            return OpenCore(database, start);
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
    }

    private static PostgresIngestSession OpenCore(PostgresDatabase database, IngestRunStart start)
    {
        var connection = database.Open();
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = connection.BeginTransaction();
            Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresDatabase.IngestLock.ToString(CultureInfo.InvariantCulture)})");
            Execute(
                connection,
                transaction,
                """
                CREATE TEMP TABLE seen_keys (k text COLLATE "C" PRIMARY KEY, source_row bigint) ON COMMIT DROP;
                CREATE TEMP TABLE ingest_stage (k text COLLATE "C" NOT NULL, payload text NOT NULL, content_hash bytea NOT NULL, source_row bigint NOT NULL) ON COMMIT DROP;
                """);
            long datasetNo;
            using (var find = new NpgsqlCommand("SELECT no FROM datasets WHERE id = $1", connection, transaction))
            {
                find.Parameters.Add(Pg.Text(start.DatasetId));
                datasetNo = find.ExecuteScalar() as long? ?? throw new InvalidOperationException($"Dataset '{start.DatasetId}' does not exist.");
            }

            bool firstLoad;
            using (var any = new NpgsqlCommand("SELECT NOT EXISTS (SELECT 1 FROM record_versions WHERE dataset_no = $1)", connection, transaction))
            {
                any.Parameters.Add(Pg.Long(datasetNo));
                firstLoad = (bool)any.ExecuteScalar()!;
            }

            var runId = PostgresIngestStore.InsertRun(connection, transaction, start, null, new IngestCounts(), null, null, start.StartedAt);
            return new PostgresIngestSession(connection, transaction, start, datasetNo, runId, firstLoad);
        }
        catch
        {
            transaction?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    public IngestBatchResult Apply(IngestWriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_committed, this);
        try
        {
            var result = batch.Records.Count > 0 ? ApplyRecords(batch.Records) : IngestBatchResult.Empty;
            if (batch.RetainedKeys.Count > 0 && !_firstLoad)
            {
                _retain.Parameters[0].Value = batch.RetainedKeys.ToArray();
                _retain.ExecuteNonQuery();
            }

            if (batch.Quarantined.Count > 0)
            {
                BufferQuarantine(batch.Quarantined);
            }

            return result;
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
    }

    private IngestBatchResult ApplyRecords(IReadOnlyList<IngestRecord> records)
    {
        IReadOnlyList<IngestRecord> staged = records;
        var copied = 0;
        if (_keys is not null)
        {
            (staged, copied) = CopyNewKeys(records, _keys);
            if (staged.Count == 0)
            {
                return new IngestBatchResult(copied, 0, 0, []);
            }

            // The staged rows are found against what the direct copy wrote, so it must have reached the table.
            CompleteDirect();
        }

        using (var copy = _connection.BeginBinaryImport("COPY pg_temp.ingest_stage (k, payload, content_hash, source_row) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var record in staged)
            {
                copy.StartRow();
                copy.Write(record.Key, NpgsqlDbType.Text);
                WriteTextBytes(copy, record.Content.Utf8Memory);
                copy.Write(record.Content.Hash, NpgsqlDbType.Bytea);
                copy.Write(record.RowNumber, NpgsqlDbType.Bigint);
            }

            copy.Complete();
        }

        long created = 0, updated = 0, unchanged = 0;
        List<DuplicateRecord>? duplicates = null;
        using (var reader = _apply.ExecuteReader())
        {
            while (reader.Read())
            {
                if (reader.GetInt32(0) == 0)
                {
                    (created, updated, unchanged) = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
                }
                else
                {
                    (duplicates ??= []).Add(new DuplicateRecord(IndexOf(records, reader.GetInt64(1)), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
                }
            }
        }

        if (duplicates is not null)
        {
            duplicates.Sort((a, b) => a.Index.CompareTo(b.Index));
        }

        return new IngestBatchResult(copied + (int)created, (int)updated, (int)unchanged, (IReadOnlyList<DuplicateRecord>?)duplicates ?? []);
    }

    /// <summary>
    /// On a first load, copies straight into the versions table every record whose key the filter rules out as applied
    /// earlier in the run (including earlier in this batch): such a key cannot be in the table (the dataset was empty
    /// when the run began, and the ingest lock keeps other writers out), so the copy cannot meet a duplicate. The rest
    /// go through the staging table, after the copy has completed, which finds them against what it wrote. The copy
    /// stays open from batch to batch, so the server inserts one batch while the hub prepares the next, and the run
    /// pays no round trip per batch; it is completed only when the staging table, the quarantine or the commit needs
    /// the connection. A failure anywhere fails the run, whose transaction then rolls the copy back with the rest.
    /// </summary>
    private (IReadOnlyList<IngestRecord> Staged, int Copied) CopyNewKeys(IReadOnlyList<IngestRecord> records, KeyFilter keys)
    {
        List<IngestRecord>? staged = null;
        var copied = 0;
        foreach (var record in records)
        {
            if (!keys.TryAdd(record.Key))
            {
                (staged ??= []).Add(record);
                continue;
            }

            var copy = _direct ??= _connection.BeginBinaryImport("COPY record_versions (dataset_no, record_key, version, run_id, is_deleted, payload, content_hash, source_row) FROM STDIN (FORMAT BINARY)");
            copy.StartRow();
            copy.Write(_datasetNo, NpgsqlDbType.Bigint);
            copy.Write(record.Key, NpgsqlDbType.Text);
            copy.Write(1, NpgsqlDbType.Integer);
            copy.Write(RunId, NpgsqlDbType.Bigint);
            copy.Write(false, NpgsqlDbType.Boolean);
            WriteTextBytes(copy, record.Content.Utf8Memory);
            copy.Write(record.Content.Hash, NpgsqlDbType.Bytea);
            copy.Write(record.RowNumber, NpgsqlDbType.Bigint);
            copied++;
        }

        return ((IReadOnlyList<IngestRecord>?)staged ?? [], copied);
    }

    // PostgreSQL's binary form of text is its UTF-8 bytes (the server checks they are valid UTF-8), and a binary COPY
    // names no types, so the canonical JSON goes as the bytes the builder wrote: no decode to a string that the driver
    // would encode again, which measured about a microsecond and 300 bytes of garbage a row.
    private static void WriteTextBytes(NpgsqlBinaryImporter copy, ReadOnlyMemory<byte> utf8) => copy.Write(utf8, NpgsqlDbType.Bytea);

    private void CompleteDirect()
    {
        if (_direct is { } direct)
        {
            _direct = null;
            using (direct)
            {
                direct.Complete();
            }
        }
    }

    // Records come in source order, so their row numbers rise and a binary search finds a row's place in the batch.
    private static int IndexOf(IReadOnlyList<IngestRecord> records, long rowNumber)
    {
        int low = 0, high = records.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var at = records[middle].RowNumber;
            if (at == rowNumber)
            {
                return middle;
            }

            if (at < rowNumber)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        throw new InvalidOperationException($"Row {rowNumber.ToString(CultureInfo.InvariantCulture)} is not in the batch.");
    }

    // Quarantined rows are serialised at once (the batch's values are reused after Apply returns) and copied in runs of
    // a few thousand, so a first load's open copy of records is not completed for every batch that has a bad row.
    private void BufferQuarantine(IReadOnlyList<QuarantineEntry> rows)
    {
        foreach (var row in rows)
        {
            var map = new Dictionary<string, string?>(row.Values.Count, StringComparer.Ordinal);
            foreach (var (name, value) in row.Values)
            {
                map[name] = value;
            }

            _quarantine.Add(new PendingQuarantine(row.RowNumber, JsonSerializer.Serialize(map, ConcordatJson.Options), JsonSerializer.Serialize(row.Reasons, ConcordatJson.Options)));
        }

        if (_quarantine.Count >= QuarantineFlushRows)
        {
            CompleteDirect();
            FlushQuarantine();
        }
    }

    private void FlushQuarantine()
    {
        if (_quarantine.Count == 0)
        {
            return;
        }

        using (var copy = _connection.BeginBinaryImport("COPY quarantine (run_id, row_number, values_json, reasons) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in _quarantine)
            {
                copy.StartRow();
                copy.Write(RunId, NpgsqlDbType.Bigint);
                copy.Write(row.RowNumber, NpgsqlDbType.Bigint);
                copy.Write(row.ValuesJson, NpgsqlDbType.Text);
                copy.Write(row.ReasonsJson, NpgsqlDbType.Text);
            }

            copy.Complete();
        }

        _quarantine.Clear();
    }

    public IngestRun Commit(IngestCounts counts, bool fullRefresh, string? sourceSha256, DateTimeOffset finishedAt)
    {
        try
        {
            return CommitCore(counts, fullRefresh, sourceSha256, finishedAt);
        }
        catch (NpgsqlException ex) when (PostgresErrors.IsEnvironmental(ex))
        {
            throw PostgresErrors.Translate(ex);
        }
    }

    private IngestRun CommitCore(IngestCounts counts, bool fullRefresh, string? sourceSha256, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ObjectDisposedException.ThrowIf(_committed, this);
        CompleteDirect();
        FlushQuarantine();
        long tombstones = 0;
        // A first load has nothing from before the run to tombstone (and does not track retained keys).
        if (fullRefresh && !_firstLoad)
        {
            using var tombstone = new NpgsqlCommand(
                """
                INSERT INTO record_versions (dataset_no, record_key, version, run_id, is_deleted, payload, content_hash)
                SELECT h.dataset_no, h.record_key, h.version + 1, $2, true, '{}', '\x'::bytea
                FROM (SELECT DISTINCT ON (record_key) dataset_no, record_key, version, is_deleted
                      FROM record_versions WHERE dataset_no = $1 ORDER BY record_key, version DESC) h
                WHERE NOT h.is_deleted AND NOT EXISTS (SELECT 1 FROM pg_temp.seen_keys s WHERE s.k = h.record_key)
                """,
                _connection,
                _transaction);
            tombstone.Parameters.Add(Pg.Long(_datasetNo));
            tombstone.Parameters.Add(Pg.Long(RunId));
            tombstones = tombstone.ExecuteNonQuery();
        }

        var final = counts with { Tombstones = tombstones };
        using (var update = new NpgsqlCommand(
            """
            UPDATE ingest_runs SET status = 'Succeeded', finished_at = $2, rows_read = $3, rows_loaded = $4,
                rows_quarantined = $5, versions_created = $6, records_unchanged = $7, tombstones = $8, source_sha256 = $9
            WHERE id = $1
            """,
            _connection,
            _transaction))
        {
            update.Parameters.Add(Pg.Long(RunId));
            update.Parameters.Add(Pg.Time(finishedAt));
            update.Parameters.Add(Pg.Long(final.RowsRead));
            update.Parameters.Add(Pg.Long(final.RowsLoaded));
            update.Parameters.Add(Pg.Long(final.RowsQuarantined));
            update.Parameters.Add(Pg.Long(final.VersionsCreated));
            update.Parameters.Add(Pg.Long(final.Unchanged));
            update.Parameters.Add(Pg.Long(final.Tombstones));
            update.Parameters.Add(Pg.Text(sourceSha256));
            update.ExecuteNonQuery();
        }

        _transaction.Commit();
        _committed = true;
        return new IngestRun(RunId, _start.DatasetId, _start.SourceName, IngestRunStatus.Succeeded, _start.StartedAt, finishedAt, final)
        {
            Format = _start.Format,
            Mode = _start.Mode,
            SourceSha256 = sourceSha256,
            StartedBy = _start.StartedBy,
        };
    }

    public void Dispose()
    {
        // An open copy that was not completed is cancelled; the transaction's rollback then undoes the run.
        try
        {
            _direct?.Dispose();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
        {
            // The connection is going anyway; the transaction never committed.
        }

        _direct = null;
        _apply.Dispose();
        _retain.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
