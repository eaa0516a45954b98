using System.Text;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// One ingest run as a single SQLite write transaction. SQLite spills a large transaction to the WAL file rather
/// than to memory, so one transaction per run keeps memory flat while making the run atomic: a crash or kill
/// leaves the previous state, and nothing of the run is visible until <see cref="Commit"/>.
/// </summary>
internal sealed class SqliteIngestSession : IIngestSession
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly IngestRunStart _start;
    private readonly long _datasetNo;
    private readonly RawStatement _markSeen;
    private readonly RawStatement _markRetained;
    private readonly RawStatement _findSeen;
    private readonly RawStatement _findHead;
    private readonly RawStatement _insertVersion;
    private readonly SqliteCommand _quarantine;
    private readonly RawStatement _insertFirstVersion;
    private readonly RawStatement _findFirstLoaded;
    private readonly bool _firstLoad;
    private byte[] _keyBuffer = new byte[256];
    private bool _committed;

    private SqliteIngestSession(SqliteConnection connection, SqliteTransaction transaction, IngestRunStart start, long datasetNo, long runId, bool firstLoad)
    {
        _firstLoad = firstLoad;
        _connection = connection;
        _transaction = transaction;
        _start = start;
        _datasetNo = datasetNo;
        RunId = runId;
        // A key met only in quarantined rows is retained (source_row null) but not applied: the first valid row for it later
        // in the run takes it over. A key already applied is left alone, so the statement changes nothing for it.
        _markSeen = new RawStatement(
            connection,
            "INSERT INTO temp.seen_keys (k, source_row) VALUES (?1, ?2) ON CONFLICT (k) DO UPDATE SET source_row = excluded.source_row WHERE source_row IS NULL");
        _markRetained = new RawStatement(connection, "INSERT OR IGNORE INTO temp.seen_keys (k, source_row) VALUES (?1, NULL)");
        _findSeen = new RawStatement(connection, "SELECT source_row FROM temp.seen_keys WHERE k = ?1 AND source_row IS NOT NULL");
        _findHead = new RawStatement(
            connection,
            "SELECT version, is_deleted, content_hash FROM record_versions WHERE dataset_no = ?1 AND record_key = ?2 ORDER BY version DESC LIMIT 1");
        _insertVersion = new RawStatement(
            connection,
            "INSERT INTO record_versions (dataset_no, record_key, version, run_id, is_deleted, payload, content_hash, source_row) VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7)");
        _quarantine = Prepare("INSERT INTO quarantine (run_id, row_number, values_json, reasons) VALUES ($r, $n, $v, $why)", "$r", "$n", "$v", "$why");
        _insertFirstVersion = new RawStatement(
            connection,
            "INSERT INTO record_versions (dataset_no, record_key, version, run_id, is_deleted, payload, content_hash, source_row) VALUES (?1, ?2, 1, ?3, 0, ?4, ?5, ?6) ON CONFLICT DO NOTHING");
        _findFirstLoaded = new RawStatement(
            connection,
            "SELECT source_row FROM record_versions WHERE dataset_no = ?1 AND record_key = ?2 AND version = 1 AND run_id = ?3 AND source_row IS NOT NULL");
        _findFirstLoaded.Bind(1, datasetNo);
        _findFirstLoaded.Bind(3, runId);
        _insertFirstVersion.Bind(1, datasetNo);
        _insertFirstVersion.Bind(3, runId);
        _findHead.Bind(1, datasetNo);
        _insertVersion.Bind(1, datasetNo);
        _insertVersion.Bind(4, runId);
        _quarantine.Parameters["$r"].Value = runId;
    }

    public long RunId { get; }

    public static SqliteIngestSession Open(SqliteDatabase database, IngestRunStart start)
    {
        try
        {
            return OpenCore(database, start);
        }
        catch (SqliteException ex) when (SqliteErrors.IsEnvironmental(ex))
        {
            throw SqliteErrors.Translate(ex);
        }
    }

    private static SqliteIngestSession OpenCore(SqliteDatabase database, IngestRunStart start)
    {
        var connection = database.Open();
        try
        {
            // A larger page cache for the run's duration: bounded (64 MiB) whatever the file size.
            Execute(connection, null, "PRAGMA cache_size = -65536; PRAGMA temp_store = FILE;");
            // Every key the run met, with the source row that applied it (null while only quarantined rows had it).
            Execute(connection, null, "DROP TABLE IF EXISTS temp.seen_keys; CREATE TEMP TABLE seen_keys (k TEXT PRIMARY KEY, source_row INTEGER) WITHOUT ROWID;");
            var transaction = connection.BeginTransaction(deferred: false);
            long datasetNo;
            using (var find = connection.CreateCommand())
            {
                find.Transaction = transaction;
                find.CommandText = "SELECT no FROM datasets WHERE id = $id";
                find.Parameters.AddWithValue("$id", start.DatasetId);
                datasetNo = find.ExecuteScalar() as long? ?? throw new InvalidOperationException($"Dataset '{start.DatasetId}' does not exist.");
            }

            bool firstLoad;
            using (var any = connection.CreateCommand())
            {
                any.Transaction = transaction;
                any.CommandText = "SELECT NOT EXISTS (SELECT 1 FROM record_versions WHERE dataset_no = $d)";
                any.Parameters.AddWithValue("$d", datasetNo);
                firstLoad = (long)any.ExecuteScalar()! != 0;
            }

            var runId = SqliteIngestStore.InsertRun(connection, transaction, start, null, new IngestCounts(), null, null, start.StartedAt);
            return new SqliteIngestSession(connection, transaction, start, datasetNo, runId, firstLoad);
        }
        catch
        {
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
            return ApplyBatch(batch);
        }
        catch (SqliteException ex) when (SqliteErrors.IsEnvironmental(ex))
        {
            throw SqliteErrors.Translate(ex);
        }
    }

    // SQLite is in process, so a batch costs nothing to hand over: it is applied row by row through prepared
    // statements, which measured faster than any set-based form (docs/benchmarks.md).
    private IngestBatchResult ApplyBatch(IngestWriteBatch batch)
    {
        int created = 0, updated = 0, unchanged = 0;
        List<DuplicateRecord>? duplicates = null;
        var records = batch.Records;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            switch (ApplyCore(record.Key, record.Content, record.RowNumber))
            {
                case Outcome.Created:
                    created++;
                    break;
                case Outcome.Updated:
                    updated++;
                    break;
                case Outcome.Unchanged:
                    unchanged++;
                    break;
                default:
                    (duplicates ??= []).Add(new DuplicateRecord(i, FindAppliedRow(record.Key)));
                    break;
            }
        }

        foreach (var key in batch.RetainedKeys)
        {
            RetainCore(key);
        }

        foreach (var row in batch.Quarantined)
        {
            QuarantineCore(row.RowNumber, row.Values, row.Reasons);
        }

        return duplicates is null && created + updated + unchanged == 0 ? IngestBatchResult.Empty : new IngestBatchResult(created, updated, unchanged, (IReadOnlyList<DuplicateRecord>?)duplicates ?? []);
    }

    private Outcome ApplyCore(string key, RecordContent content, long rowNumber)
    {
        ArgumentNullException.ThrowIfNull(content);
        ObjectDisposedException.ThrowIf(_committed, this);
        if (_firstLoad)
        {
            return ApplyFirstLoad(key, content, rowNumber);
        }

        var keyUtf8 = Utf8Key(key);
        _markSeen.BindText(1, keyUtf8);
        _markSeen.Bind(2, rowNumber);
        if (!Run(_markSeen))
        {
            return Outcome.DuplicateKey;
        }

        long nextVersion = 1;
        var outcome = Outcome.Created;
        _findHead.BindText(2, keyUtf8);
        try
        {
            if (_findHead.Step())
            {
                nextVersion = _findHead.GetInt64(0) + 1;
                var deleted = _findHead.GetInt64(1) != 0;
                if (!deleted && _findHead.GetBlob(2).SequenceEqual(content.Hash))
                {
                    return Outcome.Unchanged;
                }

                outcome = deleted ? Outcome.Created : Outcome.Updated;
            }
        }
        finally
        {
            _findHead.Reset();
        }

        _insertVersion.BindText(2, keyUtf8);
        _insertVersion.Bind(3, nextVersion);
        _insertVersion.BindText(5, content.Utf8);
        _insertVersion.BindBlob(6, content.Hash);
        _insertVersion.Bind(7, rowNumber);
        Run(_insertVersion);
        return outcome;
    }

    private void RetainCore(string key)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        if (_firstLoad)
        {
            // The dataset had no records when the run began, so there is nothing to keep from a tombstone.
            return;
        }

        _markRetained.BindText(1, Utf8Key(key));
        Run(_markRetained);
    }

    private long? FindAppliedRow(string key)
    {
        var statement = _firstLoad ? _findFirstLoaded : _findSeen;
        statement.BindText(_firstLoad ? 2 : 1, Utf8Key(key));
        try
        {
            return statement.Step() ? statement.GetInt64(0) : null;
        }
        finally
        {
            statement.Reset();
        }
    }

    private void QuarantineCore(long rowNumber, IReadOnlyList<KeyValuePair<string, string?>> values, IReadOnlyList<string> reasons)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        var map = new Dictionary<string, string?>(values.Count, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }

        _quarantine.Parameters[1].Value = rowNumber;
        _quarantine.Parameters[2].Value = JsonSerializer.Serialize(map, ConcordatJson.Options);
        _quarantine.Parameters[3].Value = JsonSerializer.Serialize(reasons, ConcordatJson.Options);
        _quarantine.ExecuteNonQuery();
    }

    public IngestRun Commit(IngestCounts counts, bool fullRefresh, string? sourceSha256, DateTimeOffset finishedAt)
    {
        try
        {
            return CommitCore(counts, fullRefresh, sourceSha256, finishedAt);
        }
        catch (SqliteException ex) when (SqliteErrors.IsEnvironmental(ex))
        {
            throw SqliteErrors.Translate(ex);
        }
    }

    private IngestRun CommitCore(IngestCounts counts, bool fullRefresh, string? sourceSha256, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ObjectDisposedException.ThrowIf(_committed, this);
        long tombstones = 0;
        // A first load has nothing from before the run to tombstone (and does not track seen keys).
        if (fullRefresh && !_firstLoad)
        {
            using var tombstone = _connection.CreateCommand();
            tombstone.Transaction = _transaction;
            tombstone.CommandText = """
                INSERT INTO record_versions (dataset_no, record_key, version, run_id, is_deleted, payload, content_hash)
                SELECT v.dataset_no, v.record_key, v.version + 1, $r, 1, '{}', X'' FROM record_versions v
                WHERE v.dataset_no = $d AND v.is_deleted = 0
                  AND v.version = (SELECT max(w.version) FROM record_versions w WHERE w.dataset_no = v.dataset_no AND w.record_key = v.record_key)
                  AND v.record_key NOT IN (SELECT k FROM temp.seen_keys)
                """;
            tombstone.Parameters.AddWithValue("$d", _datasetNo);
            tombstone.Parameters.AddWithValue("$r", RunId);
            tombstones = tombstone.ExecuteNonQuery();
        }

        var final = counts with { Tombstones = tombstones };
        using (var update = _connection.CreateCommand())
        {
            update.Transaction = _transaction;
            update.CommandText = """
                UPDATE ingest_runs SET status = 'Succeeded', finished_at = $finished, rows_read = $read, rows_loaded = $loaded,
                    rows_quarantined = $quarantined, versions_created = $versions, records_unchanged = $unchanged,
                    tombstones = $tombstones, source_sha256 = $sha
                WHERE id = $id
                """;
            update.Parameters.AddWithValue("$id", RunId);
            update.Parameters.AddWithValue("$finished", SqliteText.FromTime(finishedAt));
            update.Parameters.AddWithValue("$read", final.RowsRead);
            update.Parameters.AddWithValue("$loaded", final.RowsLoaded);
            update.Parameters.AddWithValue("$quarantined", final.RowsQuarantined);
            update.Parameters.AddWithValue("$versions", final.VersionsCreated);
            update.Parameters.AddWithValue("$unchanged", final.Unchanged);
            update.Parameters.AddWithValue("$tombstones", final.Tombstones);
            update.Parameters.AddWithValue("$sha", (object?)sourceSha256 ?? DBNull.Value);
            update.ExecuteNonQuery();
        }

        _transaction.Commit();
        _committed = true;
        try
        {
            // Frees the temporary keys early; the next run on this connection recreates the table anyway, so a
            // failure here (the temp directory full) must not turn a committed run into a reported failure.
            Execute(_connection, null, "DELETE FROM temp.seen_keys;");
        }
        catch (SqliteException)
        {
        }
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
        _markSeen.Dispose();
        _markRetained.Dispose();
        _findSeen.Dispose();
        _findFirstLoaded.Dispose();
        _findHead.Dispose();
        _insertVersion.Dispose();
        _quarantine.Dispose();
        _insertFirstVersion.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }

    /// <summary>
    /// The path for a dataset that had no records when the run began, the common case of an initial load: every key
    /// is new, so there is no current version to look up and no tombstone to compute, and the version's primary key
    /// alone catches a key repeated within the run: one statement per record instead of three.
    /// </summary>
    private Outcome ApplyFirstLoad(string key, RecordContent content, long rowNumber)
    {
        _insertFirstVersion.BindText(2, Utf8Key(key));
        _insertFirstVersion.BindText(4, content.Utf8);
        _insertFirstVersion.BindBlob(5, content.Hash);
        _insertFirstVersion.Bind(6, rowNumber);
        return Run(_insertFirstVersion) ? Outcome.Created : Outcome.DuplicateKey;
    }

    /// <summary>Runs a bound insert; true when it wrote a row.</summary>
    private static bool Run(RawStatement statement)
    {
        try
        {
            statement.Step();
            return statement.Changes > 0;
        }
        finally
        {
            statement.Reset();
        }
    }

    /// <summary>The key as UTF-8 in a buffer reused for every row (valid until the next call).</summary>
    private ReadOnlySpan<byte> Utf8Key(string key)
    {
        var most = Encoding.UTF8.GetMaxByteCount(key.Length);
        if (_keyBuffer.Length < most)
        {
            _keyBuffer = new byte[most];
        }

        return _keyBuffer.AsSpan(0, Encoding.UTF8.GetBytes(key, _keyBuffer));
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private enum Outcome
    {
        Created,
        Updated,
        Unchanged,
        DuplicateKey,
    }
}
