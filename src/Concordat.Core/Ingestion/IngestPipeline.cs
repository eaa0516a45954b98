using System.Diagnostics;
using System.Globalization;

namespace Concordat.Core.Ingestion;

/// <summary>
/// Runs one ingest over an open source and session in three stages: a reader thread decodes the source into
/// batches of raw values; mapping and validation of each batch run on worker threads (and on the reader or the
/// applier whenever they would otherwise wait); the calling thread applies the prepared batches to the store
/// strictly in source order. At most a fixed number of batches are in flight, and they are reused, so memory stays
/// flat whatever the file size, and every core has work.
/// </summary>
internal sealed class IngestPipeline
{
    private const int BatchSize = 2048;
    private const int BatchesInFlight = 6;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly CompiledMapping _mapping;
    private readonly IProgress<IngestProgress>? _progress;

    public IngestPipeline(CompiledMapping mapping, IProgress<IngestProgress>? progress)
    {
        _mapping = mapping;
        _progress = progress;
    }

    /// <summary>Reads every row and applies it to the session; the caller commits. Throws on a source-level failure.</summary>
    public IngestCounts Run(IRecordSource source, int[] ordinals, IIngestSession session, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var queue = new IngestBatchQueue(BatchesInFlight);

        // Dedicated threads rather than pool tasks: the pool's workers spin while looking for work, and on two cores
        // that spinning measured about a tenth of the run's CPU. The reader and the applier make up the other cores.
        var threads = new List<Thread> { StartThread("Concordat ingest reader", () => Read(source, ordinals, queue, cancellationToken)) };
        for (var i = 0; i < Math.Max(1, Environment.ProcessorCount - 1); i++)
        {
            threads.Add(StartThread("Concordat ingest worker", () =>
            {
                using var builder = NewBuilder();
                queue.Work(builder);
            }));
        }

        long read = 0, loaded = 0, quarantined = 0, versions = 0, unchanged = 0;
        var lastReport = TimeSpan.Zero;
        var write = new IngestWriteBatch(BatchSize);
        var rawIndex = new int[BatchSize];
        using var helper = NewBuilder();
        try
        {
            while (queue.TakeNext(helper) is { } batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = batch.Rows;
                write.Clear();
                for (var i = 0; i < batch.Raw.Count; i++)
                {
                    ref readonly var row = ref rows[i];
                    if (row.Content is null)
                    {
                        write.AddQuarantined(row.RowNumber, row.SourceValues!, row.Reasons!);
                        if (row.Key is not null)
                        {
                            write.AddRetained(row.Key);
                        }

                        continue;
                    }

                    rawIndex[write.Records.Count] = i;
                    write.AddRecord(row.Key!, row.Content, row.RowNumber);
                }

                read += batch.Raw.Count;
                quarantined += write.Quarantined.Count;
                var result = session.Apply(write);
                versions += result.Created + result.Updated;
                unchanged += result.Unchanged;
                loaded += result.Created + result.Updated + result.Unchanged;
                if (result.Duplicates.Count > 0)
                {
                    // The first row of a key that passes validation wins; quarantined rows never claim a key. The raw
                    // values are still in the batch, so a duplicate keeps them like any bad row.
                    write.Clear();
                    foreach (var duplicate in result.Duplicates)
                    {
                        var record = batch.Rows[rawIndex[duplicate.Index]];
                        write.AddQuarantined(record.RowNumber, batch.Raw.ValuesAt(rawIndex[duplicate.Index]), [DuplicateReason(record.Key!, duplicate.AppliedRow)]);
                    }

                    quarantined += write.Quarantined.Count;
                    session.Apply(write);
                }

                queue.Return(batch);
                if (_progress is not null && clock.Elapsed - lastReport >= ProgressInterval)
                {
                    lastReport = clock.Elapsed;
                    _progress.Report(new IngestProgress(read, quarantined, source.BytesRead, clock.Elapsed));
                }
            }
        }
        finally
        {
            // On success every thread has finished or is about to; on failure they stop at their next look. The source
            // is disposed by the caller after this returns, so the reader must be out of it first.
            queue.Stop();
            foreach (var thread in threads)
            {
                thread.Join(StopTimeout);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        _progress?.Report(new IngestProgress(read, quarantined, source.BytesRead, clock.Elapsed));
        return new IngestCounts
        {
            RowsRead = read,
            RowsLoaded = loaded,
            RowsQuarantined = quarantined,
            VersionsCreated = versions,
            Unchanged = unchanged,
        };
    }

    private void Read(IRecordSource source, int[] ordinals, IngestBatchQueue queue, CancellationToken cancellationToken)
    {
        try
        {
            using var helper = NewBuilder();
            var batch = queue.Rent() ?? NewBatch();
            while (source.Read())
            {
                batch.Raw.Capture(source, ordinals);
                if (batch.Raw.IsFull)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!queue.Add(batch, helper))
                    {
                        return;
                    }

                    batch = queue.Rent() ?? NewBatch();
                }
            }

            if (batch.Raw.Count > 0 && !queue.Add(batch, helper))
            {
                return;
            }

            queue.Complete();
        }
        catch (Exception ex)
        {
            // A SourceFormatException (or any other failure) surfaces on the applier, which rethrows it. A source that
            // fails underneath (a database connection dropped, a read error) fails the run like a malformed file, so
            // it is not taken for an error of the hub's own store.
            queue.Fail(SourceFormatException.IsEnvironmental(ex)
                ? new SourceFormatException("The source could not be read: " + SourceFormatException.OneLine(ex), ex)
                : ex);
        }
    }

    /// <summary>The quarantine reason of a later valid row whose key an earlier row of the run already loaded.</summary>
    internal static string DuplicateReason(string key, long? appliedRow) => appliedRow is { } row
        ? string.Create(CultureInfo.InvariantCulture, $"Duplicate key '{key}': row {row} of this source has the same key and was loaded; this row was not.")
        : $"Duplicate key '{key}': an earlier row of this source has the same key and was loaded; this row was not.";

    // One builder per thread: builders reuse buffers and are not thread safe. The batch's own cursor has the mapping's
    // source columns as its ordinals.
    private RecordBuilder NewBuilder() => new(_mapping, Enumerable.Range(0, _mapping.SourceColumns.Count).ToArray());

    private IngestBatch NewBatch() => new(_mapping.SourceColumns, BatchSize);

    private static Thread StartThread(string name, Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }
}
