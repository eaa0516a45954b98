namespace Concordat.Core.Ingestion;

/// <summary>
/// Several <see cref="IIngestRunObserver"/>s as one (quality profiling, change notifications...), told in order.
/// Each handles its own failures; one that throws anyway does not stop the others being told, and the first such
/// exception is rethrown after all have run.
/// </summary>
public sealed class IngestRunObservers : IIngestRunObserver
{
    private readonly IReadOnlyList<IIngestRunObserver> _observers;

    /// <summary>Combines observers.</summary>
    public IngestRunObservers(IEnumerable<IIngestRunObserver> observers)
    {
        ArgumentNullException.ThrowIfNull(observers);
        _observers = observers.ToList();
    }

    /// <inheritdoc />
    public async Task RunCommittedAsync(IngestRun run, CancellationToken cancellationToken)
    {
        Exception? first = null;
        foreach (var observer in _observers)
        {
            try
            {
                await observer.RunCommittedAsync(run, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                first ??= ex;
            }
        }

        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }
}
