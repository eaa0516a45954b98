using System.Collections.Concurrent;
using System.Diagnostics;

namespace Concordat.Core.Ingestion;

/// <summary>
/// Runs one ingest over an open source and session in three stages: one thread reads and decodes the source into
/// batches of raw values; mapping and validation of each batch run as pool tasks, several at once; the calling
/// thread applies the prepared batches to the store strictly in source order. The queue between the stages is
/// bounded, so memory stays flat whatever the file size, and every core has work.
/// </summary>
internal sealed class IngestPipeline
{
    private const int BatchSize = 2048;
    private const int BatchesInFlight = 6;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

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
        using var batches = new BlockingCollection<Task<List<PreparedRow>>>(BatchesInFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Factory.StartNew(
            () => Produce(source, ordinals, batches, stop.Token),
            stop.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        long read = 0, loaded = 0, quarantined = 0, versions = 0, unchanged = 0;
        var lastReport = TimeSpan.Zero;
        try
        {
            foreach (var pending in batches.GetConsumingEnumerable(stop.Token))
            {
                var batch = pending.GetAwaiter().GetResult();
                foreach (var row in batch)
                {
                    read++;
                    if (row.Content is null)
                    {
                        quarantined++;
                        session.Quarantine(row.RowNumber, row.SourceValues!, row.Reasons!);
                        if (row.Key is not null)
                        {
                            session.Retain(row.Key);
                        }

                        continue;
                    }

                    switch (session.Apply(row.Key!, row.Content))
                    {
                        case RecordOutcome.Created or RecordOutcome.Updated:
                            loaded++;
                            versions++;
                            break;
                        case RecordOutcome.Unchanged:
                            loaded++;
                            unchanged++;
                            break;
                        case RecordOutcome.DuplicateKey:
                            quarantined++;
                            session.Quarantine(
                                row.RowNumber,
                                [new("key", row.Key)],
                                [$"Duplicate key '{row.Key}': an earlier row of this source has the same key; the first was kept."]);
                            break;
                    }
                }

                if (_progress is not null && clock.Elapsed - lastReport >= ProgressInterval)
                {
                    lastReport = clock.Elapsed;
                    _progress.Report(new IngestProgress(read, quarantined, source.BytesRead, clock.Elapsed));
                }
            }
        }
        catch
        {
            stop.Cancel();
            ObserveQuietly(producer);
            throw;
        }

        // Surfaces a SourceFormatException (or any other failure) raised while reading.
        producer.GetAwaiter().GetResult();
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

    private void Produce(IRecordSource source, int[] ordinals, BlockingCollection<Task<List<PreparedRow>>> batches, CancellationToken cancellationToken)
    {
        // One builder per worker thread: builders reuse buffers and are not thread safe.
        using var builders = new ThreadLocal<RecordBuilder>(() => new RecordBuilder(_mapping, Enumerable.Range(0, ordinals.Length).ToArray()));
        var pending = new List<Task<List<PreparedRow>>>();
        try
        {
            var batch = new SourceRowBatch(_mapping.SourceColumns, BatchSize);
            while (source.Read())
            {
                batch.Capture(source, ordinals);
                if (batch.IsFull)
                {
                    Enqueue(batch);
                    batch = new SourceRowBatch(_mapping.SourceColumns, BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                Enqueue(batch);
            }
        }
        finally
        {
            batches.CompleteAdding();
            // The builders are disposed when this method returns; wait for the tasks still using them.
            ObserveQuietly(Task.WhenAll(pending));
        }

        void Enqueue(SourceRowBatch raw)
        {
            var task = Task.Run(() => Prepare(raw, builders.Value!), cancellationToken);
            pending.RemoveAll(t => t.IsCompleted);
            pending.Add(task);
            batches.Add(task, cancellationToken);
        }
    }

    private static List<PreparedRow> Prepare(SourceRowBatch raw, RecordBuilder builder)
    {
        var rows = new List<PreparedRow>(raw.Count);
        while (raw.Read())
        {
            rows.Add(builder.Build(raw));
        }

        return rows;
    }

    private static void ObserveQuietly(Task task)
    {
        try
        {
            task.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The consumer's exception is the one that matters; the producer's is a consequence of stopping it.
        }
    }
}
