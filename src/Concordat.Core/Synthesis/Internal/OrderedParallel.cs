using System.Runtime.ExceptionServices;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Produces items 0..n-1 on worker threads and consumes them on the calling thread strictly in index order, with at
/// most a fixed number produced but not yet consumed, so memory stays bounded however fast the workers run.
/// </summary>
internal static class OrderedParallel
{
    /// <summary>
    /// Runs <paramref name="produce"/> for every index on <paramref name="workers"/> threads and passes each result to
    /// <paramref name="consume"/> in index order. An exception from either side stops the run and is rethrown here.
    /// </summary>
    public static void Run<T>(int count, int workers, int maxPending, Func<int, T> produce, Action<int, T> consume, CancellationToken cancellationToken)
        where T : class
    {
        if (workers <= 1)
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                consume(i, produce(i));
            }

            return;
        }

        var slots = new T?[count];
        var sync = new object();
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // A slot is taken before an index, so the oldest unconsumed index always holds a slot and can finish: no deadlock.
        using var pending = new SemaphoreSlim(maxPending, maxPending);
        var threads = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            threads[w] = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        while (true)
                        {
                            pending.Wait(stop.Token);
                            var index = Interlocked.Increment(ref next);
                            if (index >= count)
                            {
                                pending.Release();
                                return;
                            }

                            var item = produce(index);
                            lock (sync)
                            {
                                slots[index] = item;
                                Monitor.PulseAll(sync);
                            }
                        }
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                    }
                    catch (Exception ex) when (Record(ex))
                    {
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        try
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                T item;
                lock (sync)
                {
                    while (slots[i] is null)
                    {
                        failure?.Throw();
                        cancellationToken.ThrowIfCancellationRequested();
                        Monitor.Wait(sync, 50);
                    }

                    item = slots[i]!;
                    slots[i] = null;
                }

                consume(i, item);
                pending.Release();
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(threads, CancellationToken.None);
        }

        bool Record(Exception ex)
        {
            lock (sync)
            {
                failure ??= ExceptionDispatchInfo.Capture(ex);
                Monitor.PulseAll(sync);
            }

            stop.Cancel();
            return true;
        }
    }
}
