using System.Collections.Concurrent;
using System.Diagnostics;

namespace Concordat.Core.Ingestion;

/// <summary>
/// Runs one ingest over an open source and session. Reading, mapping and validation run on one thread and the
/// store writes on another, handing over bounded batches, so the two cores of a small machine both work and
/// memory stays flat whatever the file size.
/// </summary>
internal sealed class IngestPipeline
{
    private const int BatchSize = 2048;
    private const int BatchesInFlight = 4;
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
        using var batches = new BlockingCollection<List<PreparedRow>>(BatchesInFlight);
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
            foreach (var batch in batches.GetConsumingEnumerable(stop.Token))
            {
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

    private void Produce(IRecordSource source, int[] ordinals, BlockingCollection<List<PreparedRow>> batches, CancellationToken cancellationToken)
    {
        try
        {
            var builder = new RecordBuilder(_mapping, ordinals);
            var batch = new List<PreparedRow>(BatchSize);
            while (source.Read())
            {
                batch.Add(builder.Build(source));
                if (batch.Count == BatchSize)
                {
                    batches.Add(batch, cancellationToken);
                    batch = new List<PreparedRow>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                batches.Add(batch, cancellationToken);
            }
        }
        finally
        {
            batches.CompleteAdding();
        }
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
