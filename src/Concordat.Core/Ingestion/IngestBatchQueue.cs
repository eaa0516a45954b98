using System.Runtime.ExceptionServices;

namespace Concordat.Core.Ingestion;

/// <summary>
/// Hands batches from the reader to the threads that prepare them and on to the applier, in source order, with at
/// most a fixed number in flight. Threads that would otherwise wait (the reader when the queue is full, the applier
/// when the next batch is not ready) prepare a waiting batch themselves, and waits block without spinning: on a
/// two-core machine every spin is taken from a thread with work to do. Thread safe.
/// </summary>
internal sealed class IngestBatchQueue
{
    // A plain monitor rather than System.Threading.Lock, which has no wait and pulse.
    private readonly object _gate = new();
    private readonly Queue<IngestBatch> _inOrder = new();
    private readonly Queue<IngestBatch> _unprepared = new();
    private readonly Stack<IngestBatch> _free = new();
    private readonly int _capacity;
    private bool _completed;
    private bool _stopped;
    private ExceptionDispatchInfo? _failure;

    /// <param name="capacity">Batches in flight at most (read and not yet applied).</param>
    public IngestBatchQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    /// <summary>An applied batch to fill again, or null when none has been given back yet.</summary>
    public IngestBatch? Rent()
    {
        lock (_gate)
        {
            return _free.TryPop(out var batch) ? batch : null;
        }
    }

    /// <summary>
    /// Queues a filled batch, preparing waiting batches with <paramref name="helper"/> while the queue is full.
    /// Returns false when the pipeline has stopped.
    /// </summary>
    public bool Add(IngestBatch batch, RecordBuilder helper)
    {
        while (true)
        {
            IngestBatch? work;
            lock (_gate)
            {
                if (_stopped)
                {
                    return false;
                }

                if (_inOrder.Count < _capacity)
                {
                    _inOrder.Enqueue(batch);
                    _unprepared.Enqueue(batch);
                    Monitor.PulseAll(_gate);
                    return true;
                }

                if (!_unprepared.TryDequeue(out work))
                {
                    Monitor.Wait(_gate);
                    continue;
                }
            }

            Prepare(work, helper);
        }
    }

    /// <summary>No more batches will be added.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Stops the pipeline with an error that <see cref="TakeNext"/> rethrows on the applier.</summary>
    public void Fail(Exception exception)
    {
        lock (_gate)
        {
            _failure ??= ExceptionDispatchInfo.Capture(exception);
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Stops the pipeline: adders and workers return as soon as they next look.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// The next batch in source order once it is prepared, helping to prepare batches with
    /// <paramref name="helper"/> while it waits; null after the last batch. Rethrows a failure of another stage.
    /// </summary>
    public IngestBatch? TakeNext(RecordBuilder helper)
    {
        while (true)
        {
            IngestBatch? work;
            lock (_gate)
            {
                _failure?.Throw();
                if (_inOrder.TryPeek(out var head))
                {
                    if (head.Ready)
                    {
                        _inOrder.Dequeue();
                        Monitor.PulseAll(_gate);
                        return head;
                    }
                }
                else if (_completed || _stopped)
                {
                    return null;
                }

                if (!_unprepared.TryDequeue(out work))
                {
                    Monitor.Wait(_gate);
                    continue;
                }
            }

            Prepare(work, helper);
        }
    }

    /// <summary>Gives an applied batch back for the reader to fill again.</summary>
    public void Return(IngestBatch batch)
    {
        batch.Clear();
        lock (_gate)
        {
            _free.Push(batch);
        }
    }

    /// <summary>Prepares waiting batches until the reader has finished and none is left, or the pipeline stops.</summary>
    public void Work(RecordBuilder builder)
    {
        while (true)
        {
            IngestBatch? work;
            lock (_gate)
            {
                while (!_unprepared.TryDequeue(out work))
                {
                    if (_completed || _stopped)
                    {
                        return;
                    }

                    Monitor.Wait(_gate);
                }
            }

            Prepare(work, builder);
        }
    }

    private void Prepare(IngestBatch batch, RecordBuilder builder)
    {
        try
        {
            batch.Prepare(builder);
        }
        catch (Exception ex)
        {
            Fail(ex);
            return;
        }

        lock (_gate)
        {
            batch.Ready = true;
            Monitor.PulseAll(_gate);
        }
    }
}
